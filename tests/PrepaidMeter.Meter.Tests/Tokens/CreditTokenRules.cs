using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Meter.Tests.Tokens;

/// <summary>Rules TK3–TK7 (docs/meter-rules.md): credit tokens, the TID memory, key expiry, overflow, utility.</summary>
public sealed class CreditTokenRules
{
    [Fact]
    public void Enter_CreditToken_AcceptedIntoTheCreditRegister()
    {
        var t = new TokenHarness();

        var outcome = t.Enter(t.Credit(tenths: 125, tid: 1000));

        outcome.Response.ShouldBe(TokenResponse.Accepted);
        outcome.Display.ShouldBe("Accept");
        t.Remaining.ShouldBe(1250);
        t.State.CumulativeLoaded.Hundredths.ShouldBe(1250);
        t.State.Events[^1].Detail.ShouldBe("Electricity credit TID 1000 token: Accepted");
    }

    [Fact]
    public void Enter_SameTokenTwice_RefusedAsUsed()
    {
        var t = new TokenHarness();
        var token = t.Credit(100, 1000);
        t.Enter(token);

        var again = t.Enter(token);

        again.Response.ShouldBe(TokenResponse.Used);
        again.Display.ShouldBe("Used");
        t.Remaining.ShouldBe(1000);
    }

    [Fact]
    public void Enter_OtherTokenWithAUsedTid_RefusedAsUsed()
    {
        var t = new TokenHarness();
        t.Enter(t.Credit(100, 1000));

        t.Enter(t.Credit(500, 1000, random: 9)).Response.ShouldBe(TokenResponse.Used);
    }

    [Fact]
    public void Enter_OneDigitMistyped_Rejected()
    {
        var t = new TokenHarness();
        var digits = t.Credit(100, 1000).Replace(" ", "", StringComparison.Ordinal).ToCharArray();
        digits[7] = digits[7] == '9' ? '0' : (char)(digits[7] + 1);

        var outcome = t.Enter(new string(digits));

        outcome.Response.ShouldBe(TokenResponse.Reject);
        t.Remaining.ShouldBe(0);
    }

    [Fact]
    public void Enter_AnotherMetersToken_Rejected()
    {
        var t = new TokenHarness();
        var other = new TokenHarness(drn: TokenHarness.OtherDrn);

        t.Enter(other.Credit(100, 1000)).Response.ShouldBe(TokenResponse.Reject);
    }

    [Theory]
    [InlineData("1234 5678 9012 3456 789")]
    [InlineData("1234567890123456789012")]
    [InlineData("99999999999999999999")]
    public void Enter_NotATokenNumber_Rejected(string entry) =>
        new TokenHarness().Enter(entry).Response.ShouldBe(TokenResponse.Reject);

    [Fact]
    public void Enter_OlderThanOldestKeptWhileMemoryIsFull_RefusedAsOld()
    {
        var t = new TokenHarness();
        for (var tid = 100; tid < 150; tid++)
        {
            t.Enter(t.Credit(1, tid)).Response.ShouldBe(TokenResponse.Accepted);
        }

        t.State.Token!.TidsKept.ShouldBe(50);
        var outcome = t.Enter(t.Credit(1, 99));

        outcome.Response.ShouldBe(TokenResponse.Old);
        outcome.Display.ShouldBe("Old");
        t.Enter(t.Credit(1, 125, random: 3)).Response.ShouldBe(TokenResponse.Used);
    }

    [Fact]
    public void Enter_OlderTidWhileMemoryIsNotFull_Accepted()
    {
        var t = new TokenHarness();
        t.Enter(t.Credit(1, 5000));

        t.Enter(t.Credit(1, 10)).Response.ShouldBe(TokenResponse.Accepted);
    }

    [Fact]
    public void Enter_NewTidWhenMemoryIsFull_ForgetsTheOldest()
    {
        var t = new TokenHarness();
        for (var tid = 100; tid < 151; tid++)
        {
            t.Enter(t.Credit(1, tid));
        }

        t.State.Token!.TidsKept.ShouldBe(50);
        // 100 was forgotten, so the meter cannot tell: it is older than the oldest kept, and refused as old, never loaded again.
        t.Enter(t.Credit(1, 100)).Response.ShouldBe(TokenResponse.Old);
    }

    [Fact]
    public void Enter_TidPastTheKeyExpiryNumber_RefusedAsKeyExpired()
    {
        var t = new TokenHarness(TokenHarness.Load("pm-sts-energy.json", j => j.Replace("\"keyExpiry\": 255", "\"keyExpiry\": 100", StringComparison.Ordinal)));

        t.Enter(t.Credit(1, (100 << 16) + 65535)).Response.ShouldBe(TokenResponse.Accepted);
        var outcome = t.Enter(t.Credit(1, 101 << 16));

        outcome.Response.ShouldBe(TokenResponse.KeyExpired);
        outcome.Display.ShouldBe("Key Exp");
    }

    [Fact]
    public void Enter_CreditPastTheRegisterLimit_RefusedAsOverflowAndTakenLater()
    {
        var t = new TokenHarness();
        t.Enter(t.Credit(999_000, 10)).Response.ShouldBe(TokenResponse.Accepted); // 99 902.4 kWh (rounded up) of 99 999.99
        var before = t.Remaining;
        var big = t.Credit(1_000, 11);

        t.Enter(big).Response.ShouldBe(TokenResponse.Overflow);
        t.Remaining.ShouldBe(before);
        t.State.Token!.TidsKept.ShouldBe(1);
        t.Desk.Run(TimeSpan.FromHours(10), 10_000); // 100 kWh used
        t.Enter(big).Response.ShouldBe(TokenResponse.Accepted);
    }

    [Fact]
    public void Enter_CreditPastThePurchaseLimit_RefusedAsOverflow()
    {
        var t = new TokenHarness(TokenHarness.Dual); // preset 10.00, purchase limit 999.00

        t.Enter(t.Credit(9_900, 10)).Response.ShouldBe(TokenResponse.Overflow);
        t.Enter(t.Credit(9_890, 11)).Response.ShouldBe(TokenResponse.Accepted);
    }

    [Theory]
    [InlineData(CreditKind.Water)]
    [InlineData(CreditKind.Gas)]
    [InlineData(CreditKind.Time)]
    public void Enter_CreditOfAnotherUtility_RefusedAsWrongUtility(CreditKind kind)
    {
        var t = new TokenHarness();

        var outcome = t.Enter(t.Credit(10, 10, kind));

        outcome.Response.ShouldBe(TokenResponse.WrongUtility);
        outcome.Display.ShouldBe("Type Err");
        t.State.Token!.TidsKept.ShouldBe(0);
    }

    [Fact]
    public void Enter_CreditToken_RestoresARelayOpenedForExhaustedCredit()
    {
        var t = new TokenHarness();
        t.State.Relay.ShouldBe(PrepaidMeter.Meter.State.RelayState.Open); // preset 0: exhausted

        t.Enter(t.Credit(1_000, 10));

        t.State.Relay.ShouldBe(PrepaidMeter.Meter.State.RelayState.Closed);
    }
}
