using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Tokens;

using static PrepaidMeter.Lab.Tests.Running.InlineScenarios;

namespace PrepaidMeter.Lab.Tests.Running;

/// <summary>The token steps on the virtual target: each kind, each way of getting a token wrong, and the meter's refusal codes.</summary>
public sealed class TokenStepTests
{
    private const string Sts = "pm-sts-energy";

    private static Task<ScenarioResult> OnSts(string steps, string start = "") => Run(steps, start, Sts);

    private static TokenResponse LastToken(StepResult step) => Enum.Parse<TokenResponse>(step.Checks.Single(c => c.What == "token").Actual, ignoreCase: true);

    [Fact]
    public async Task EnterToken_Credit_LoadsTheAmountAndKeepsItsTid()
    {
        var result = await OnSts("""{ "do": "enterToken", "energy": "12.5", "expect": { "token": "accepted", "display": "Accept", "remaining": "12.50", "tidsKept": 1 } }""");

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[0].Summary.ShouldContain("Electricity credit 12.5 kWh");
    }

    [Fact]
    public async Task EnterToken_Mistyped_RefusedAndNothingLoaded()
    {
        var result = await OnSts("""{ "do": "enterToken", "energy": "10", "mistype": 3, "expect": { "token": "reject", "remaining": "0.00", "tidsKept": 0 } }""");

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[0].Summary.ShouldContain("digit 3 typed wrong");
    }

    [Fact]
    public async Task EnterToken_SameTokenTwice_RefusedAsUsed()
    {
        var result = await OnSts("""
            { "do": "enterToken", "energy": "10", "as": "t" },
            { "do": "enterToken", "token": "t", "expect": { "token": "used", "display": "Used", "remaining": "10.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task EnterToken_MadeForAnotherMeter_Rejected()
    {
        var result = await OnSts("""{ "do": "enterToken", "energy": "10", "forMeter": "12345679", "expect": { "token": "reject", "remaining": "0.00" } }""");

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task EnterToken_MadeForAnotherMeter_LoadsAtThatMeter()
    {
        var result = await OnSts("""{ "do": "enterToken", "energy": "10", "forMeter": "12345679", "meter": "12345679", "expect": { "token": "accepted" } }""");

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task EnterToken_OlderThanEveryTidKeptWhileTheMemoryIsFull_RefusedAsOld()
    {
        var result = await OnSts("""
            { "do": "makeToken", "energy": "5", "as": "early" },
            { "do": "enterToken", "energy": "0.1", "count": 50, "expect": { "token": "accepted", "tidsKept": 50, "remaining": "5.00" } },
            { "do": "enterToken", "token": "early", "expect": { "token": "old", "display": "Old", "remainingChange": "0" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task EnterToken_KeptTokenBeforeTheMemoryIsFull_Accepted()
    {
        var result = await OnSts("""
            { "do": "makeToken", "energy": "5", "as": "early" },
            { "do": "enterToken", "energy": "1", "count": 3 },
            { "do": "enterToken", "token": "early", "expect": { "token": "accepted", "remaining": "8.00", "tidsKept": 4 } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task EnterToken_TypedWithASlipTakenBack_Accepted()
    {
        var result = await OnSts("""{ "do": "enterToken", "energy": "10", "backspace": true, "expect": { "token": "accepted", "remaining": "10.00" } }""");

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[0].Summary.ShouldContain("slip taken back");
    }

    [Fact]
    public async Task EnterToken_KeysTooFew_RejectedAsIncomplete()
    {
        var result = await OnSts("""{ "do": "enterToken", "keys": "1234B5#", "expect": { "token": "reject", "display": "Reject" } }""");

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[0].Summary.ShouldContain("4 digits");
    }

    [Fact]
    public async Task EnterToken_ThreeInvalidInARow_LocksTheKeypad_UntilItsTimeIsOver()
    {
        var result = await OnSts("""
            { "do": "enterToken", "keys": "1#2#3#", "expect": { "tokens": ["reject", "reject", "reject"] } },
            { "do": "enterToken", "energy": "10", "expect": { "token": "lockedOut", "display": "Locked", "remaining": "0.00" } },
            { "do": "advance", "for": "11s" },
            { "do": "enterToken", "energy": "10", "expect": { "token": "accepted", "remaining": "10.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task EnterToken_TestToken_RunsWithoutATid()
    {
        var result = await OnSts("""{ "do": "enterToken", "test": "0", "expect": { "token": "tested", "tidsKept": 0 } }""");

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task EnterToken_TestTokenOfAnotherManufacturer_ManufacturerCodeError()
    {
        var result = await OnSts("""{ "do": "enterToken", "test": "0", "manufacturerCode": "43", "expect": { "token": "manufacturerCodeError", "display": "Mfr Err" } }""");

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task EnterToken_ManagementClearCredit_TakesTheRegisterToZero()
    {
        var result = await OnSts("""
            { "do": "enterToken", "energy": "30" },
            { "do": "enterToken", "management": "clearCredit", "expect": { "token": "accepted", "remaining": "0.00", "tidsKept": 2 } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task EnterToken_PastTheRegistersLimit_Overflow_AndItsTidIsNotKept()
    {
        var result = await OnSts("""{ "do": "enterToken", "energy": "100000", "expect": { "token": "overflow", "display": "Overflow", "remaining": "0.00", "tidsKept": 0 } }""");

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task KeyChange_SectionsInAnyOrder_InstallTheNextKeyRevision_AndOldKeysTokensAreRejected()
    {
        var result = await OnSts("""
            { "do": "makeToken", "energy": "5", "as": "old" },
            { "do": "keyChange", "sections": [2, 1], "energy": "10", "expect": { "tokens": ["keyChangePending", "accepted", "accepted"], "keyRevision": 2, "baseDate": 2014, "remaining": "10.00" } },
            { "do": "enterToken", "token": "old", "expect": { "token": "reject" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[1].Summary.ShouldContain("for KRN 2");
    }

    [Fact]
    public async Task KeyChange_ThirdSectionOnAnEa07Meter_Rejected()
    {
        var result = await OnSts("""{ "do": "keyChange", "sections": [3], "expect": { "token": "reject", "keyRevision": 1 } }""");

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task KeyChange_WithRollover_MovesTheBaseDateOn_AndEmptiesTheTidMemory()
    {
        var result = await OnSts("""
            { "do": "enterToken", "energy": "10" },
            { "do": "keyChange", "rollover": true, "energy": "1", "expect": { "tokens": ["keyChangePending", "accepted", "accepted"], "baseDate": 2035, "tidsKept": 1 } }
            """, """, "start": "2045-11-23T00:00:00Z" """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task KeyChange_SettingAKeyExpiryAlreadyPassed_NextCreditIsKeyExpired()
    {
        // 2026 on the 2014 base date: TIDs of about 6.3 million minutes, top 8 bits 96; KEN 50 is long passed.
        var result = await OnSts("""
            { "do": "keyChange", "keyExpiry": 50, "energy": "10", "expect": { "tokens": ["keyChangePending", "accepted", "keyExpired"], "keyExpiry": 50, "remaining": "0.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task DualMeter_CardAndTokenCredit_OneRegister()
    {
        var result = await Run("""
            { "do": "openAccount", "energy": "50" },
            { "do": "swipe", "expect": { "remaining": "60.00" } },
            { "do": "enterToken", "energy": "5", "expect": { "token": "accepted", "remaining": "65.00", "purchaseCount": 1 } }
            """, model: "pm-dual-energy");

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task SellToken_ForMoneyEnteredAtOnce_LoadsTheRoundedUpCreditTheReceiptPrints()
    {
        var result = await OnSts("""{ "do": "sellToken", "money": "12.34", "enter": true, "expect": { "receipts": 1, "token": "accepted", "remaining": "24.70", "tidsKept": 1 } }""");

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[0].Summary.ShouldContain("24.68 kWh (purchase 1, 12.34)");
        result.Steps[0].Summary.ShouldContain("the token carries 24.70 kWh (rounded up by 0.02 kWh)");
    }

    [Fact]
    public async Task SellToken_KeptAndEnteredLater_LoadsOnce_ThenUsed()
    {
        var result = await OnSts("""
            { "do": "sellToken", "energy": "20", "as": "receipt", "expect": { "receipts": 1, "remaining": "0.00", "tidsKept": 0 } },
            { "do": "enterToken", "token": "receipt", "expect": { "token": "accepted", "remaining": "20.00" } },
            { "do": "enterToken", "token": "receipt", "expect": { "token": "used", "remaining": "20.00" } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[0].Summary.ShouldContain("kept as 'receipt'");
    }

    [Fact]
    public async Task SellToken_ThenALabTokenInTheSameMinute_TheLabTakesTheNextTid()
    {
        var result = await OnSts("""
            { "do": "sellToken", "energy": "10", "enter": true, "expect": { "token": "accepted" } },
            { "do": "enterToken", "energy": "5", "expect": { "token": "accepted", "remaining": "15.00", "tidsKept": 2 } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task SellToken_SeveralForOneMeter_OneAccount_EachTokenLoads()
    {
        var result = await OnSts("""
            { "do": "sellToken", "energy": "10", "enter": true },
            { "do": "sellToken", "energy": "10", "enter": true },
            { "do": "sellToken", "energy": "10", "enter": true, "expect": { "receipts": 3, "token": "accepted", "remaining": "30.00", "tidsKept": 3 } }
            """);

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[0].Summary.ShouldContain("purchase 1");
        result.Steps[2].Summary.ShouldContain("purchase 3");
    }

    [Fact]
    public async Task SellToken_OverThePurchaseLimit_RefusedAtTheCounter_NothingIssued()
    {
        var result = await Run("""
            { "do": "sellToken", "energy": "150", "enter": true, "expect": { "refused": "overPurchaseLimit", "receipts": 0, "remaining": "0.00", "tidsKept": 0 } }
            """, """, "site": { "purchaseLimit": "100" }""", Sts);

        result.Passed.ShouldBeTrue(Failures(result));
        result.Steps[0].Summary.ShouldContain("refused");
    }

    [Fact]
    public async Task SellToken_OnADualMeter_LoadsIntoItsOneRegister()
    {
        var result = await Run("""
            { "do": "sellToken", "energy": "5", "enter": true, "expect": { "token": "accepted", "remainingChange": "5.00", "purchaseCount": 0 } }
            """, model: "pm-dual-energy");

        result.Passed.ShouldBeTrue(Failures(result));
    }

    [Fact]
    public async Task WrongExpectation_FailsTheStep()
    {
        var result = await OnSts("""{ "do": "enterToken", "energy": "10", "mistype": 1, "expect": { "token": "accepted" } }""");

        result.Passed.ShouldBeFalse();
        LastToken(result.Steps[0]).ShouldBe(TokenResponse.Reject);
    }
}
