using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Meter.Tests.Tokens;

/// <summary>Rules TK8, TK9, TK13: management tokens act on the registers and limits tool cards act on; test tokens show what they ask for.</summary>
public sealed class ManagementTokenRules
{
    [Fact]
    public void Enter_SetMaximumPowerLimit_SetsTheLimitTheSetCardSets()
    {
        var t = new TokenHarness();

        t.Enter(t.Management(ManagementKind.SetMaximumPowerLimit, 10, TransferAmount.RoundedUp(3_500)!.Value.Field)).Response.ShouldBe(TokenResponse.Accepted);

        t.State.Parameters.PowerLimitWatts.ShouldBe(3_500u);
    }

    [Fact]
    public void Enter_ClearCredit_EmptiesTheRegisterAndCreditIsStillConserved()
    {
        var t = new TokenHarness();
        t.Enter(t.Credit(500, 10));

        t.Enter(t.Management(ManagementKind.ClearCredit, 11, ManagementToken.AllRegisters)).Response.ShouldBe(TokenResponse.Accepted);

        t.Remaining.ShouldBe(0);
        t.State.Token!.ClearedCredit.Hundredths.ShouldBe(5_000);
        t.State.Conserves.ShouldBeTrue();
    }

    [Fact]
    public void Enter_ClearCreditOfAnotherRegister_RefusedAsWrongUtility()
    {
        var t = new TokenHarness();
        t.Enter(t.Credit(500, 10));

        t.Enter(t.Management(ManagementKind.ClearCredit, 11, 1)).Response.ShouldBe(TokenResponse.WrongUtility);
        t.Remaining.ShouldBe(5_000);
    }

    [Fact]
    public void Enter_ManagementTokenTwice_RefusedAsUsed()
    {
        var t = new TokenHarness();
        var token = t.Management(ManagementKind.SetTariffRate, 10, 77);
        t.Enter(token);

        t.Enter(token).Response.ShouldBe(TokenResponse.Used);
    }

    [Fact]
    public void Enter_TariffRateAndPhaseUnbalance_StoredAndShown()
    {
        var t = new TokenHarness();

        t.Enter(t.Management(ManagementKind.SetTariffRate, 10, 77)).Response.ShouldBe(TokenResponse.Accepted);
        t.Enter(t.Management(ManagementKind.SetMaximumPhasePowerUnbalanceLimit, 11, TransferAmount.RoundedUp(2_000)!.Value.Field)).Response.ShouldBe(TokenResponse.Accepted);

        t.State.Token!.TariffRate.ShouldBe((ushort)77);
        t.State.Token.PhaseUnbalanceWatts.ShouldBe(2_000);
    }

    [Fact]
    public void Enter_WaterMeterFactorOnAnElectricityMeter_RefusedAsWrongUtility() =>
        new TokenHarness().Let(t => t.Enter(t.Management(ManagementKind.SetWaterMeterFactor, 10, 5)).Response.ShouldBe(TokenResponse.WrongUtility));

    [Fact]
    public void Enter_ClearTamper_Accepted() =>
        new TokenHarness().Let(t => t.Enter(t.Management(ManagementKind.ClearTamperCondition, 10, 0)).Response.ShouldBe(TokenResponse.Accepted));

    [Fact]
    public void Enter_TestTokenForAllTests_ShowsEveryTestAndCyclesTheRelay()
    {
        var t = new TokenHarness();

        var outcome = t.Enter(t.Encode(new MeterTestToken(0, 0, 42)));

        outcome.Response.ShouldBe(TokenResponse.Tested);
        outcome.Shown.Count.ShouldBe(9);
        outcome.Shown.ShouldContain("key revision 1, key type 2");
        t.State.Events.ShouldContain(e => e.Kind == PrepaidMeter.Meter.State.MeterEventKind.RelayTestCycle);
    }

    [Fact]
    public void Enter_TestTokenForOneDisplay_ShowsOnlyThat()
    {
        var t = new TokenHarness();

        t.Enter(t.Encode(new MeterTestToken(0, 1UL << 5, 42))).Shown.ShouldBe(["supply group code 123456"]);
    }

    [Theory]
    [InlineData(0, 41)]
    [InlineData(1, 42)]
    public void Enter_TestTokenOfAnotherManufacturer_RefusedAsManufacturerCodeError(int subclass, int code) =>
        new TokenHarness().Let(t => t.Enter(t.Encode(new MeterTestToken(subclass, 0, code))).Response.ShouldBe(TokenResponse.ManufacturerCodeError));

    [Fact]
    public void Enter_TestTokenMadeUnderAnotherKey_StillRuns() =>
        new TokenHarness().Let(t => t.Enter(new TokenHarness(drn: TokenHarness.OtherDrn).Encode(new MeterTestToken(0, 2, 42))).Response.ShouldBe(TokenResponse.Tested));
}

internal static class Lets
{
    public static void Let<T>(this T value, Action<T> act) => act(value);
}
