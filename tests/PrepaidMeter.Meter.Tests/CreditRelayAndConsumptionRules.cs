using PrepaidMeter.Core;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter.Tests;

/// <summary>docs/meter-rules.md, sections A, R and K.</summary>
public sealed class CreditRelayAndConsumptionRules
{
    private static MeterHarness Loaded(long hundredths)
    {
        var bench = new MeterHarness().Configured();
        bench.Insert(bench.UserCard(1, hundredths));
        return bench;
    }

    [Fact]
    public void A1_FallingBelowAlarm1_WarnsButKeepsTheRelayClosed()
    {
        var bench = Loaded(2000); // 30 kWh remaining, alarm 1 at 20
        var events = bench.Meter.Advance(TimeSpan.FromHours(10), LoadProfile.Constant(1000));
        events.ShouldContain(e => e.Kind == MeterEventKind.Alarm1);
        bench.State.CreditState.ShouldBe(CreditState.Low);
        bench.State.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void A1_ALoadThatOnlyReachesTheLowBand_LogsNoAlarm1_TheStateSaysLow()
    {
        var bench = Loaded(2000);
        var image = bench.Image(bench.UserCard(1, 2000));
        bench.Run(TimeSpan.FromDays(3), 1000);
        bench.Insert(image);
        bench.Run(TimeSpan.FromDays(3), 1000); // exhausted at -5.00
        var alarmsBefore = bench.State.Events.Count(e => e.Kind == MeterEventKind.Alarm1);

        bench.Insert(bench.UserCard(2, 2000)).Result.ShouldBe(MeterResult.Loaded); // -5.00 + 20.00 = 15.00: low

        bench.State.CreditState.ShouldBe(CreditState.Low);
        bench.State.Events.Count(e => e.Kind == MeterEventKind.Alarm1).ShouldBe(alarmsBefore, "A1 warns when credit falls into low, not when a load lands there");
        bench.Insert(bench.UserCard(3, 2000)); // 35.00: normal again
        bench.Meter.Advance(TimeSpan.FromHours(16), LoadProfile.Constant(1000)).ShouldContain(e => e.Kind == MeterEventKind.Alarm1, "falling through alarm 1 again warns again");
    }

    [Fact]
    public void A2_FallingBelowAlarm2_TripsOnce_AndStopsConsumption()
    {
        var bench = Loaded(2000);
        var events = bench.Meter.Advance(TimeSpan.FromDays(3), LoadProfile.Constant(1000));
        events.Count(e => e.Kind == MeterEventKind.Alarm2).ShouldBe(1);
        bench.State.Remaining.Hundredths.ShouldBe(1000); // stopped exactly at alarm 2
        bench.State.OpenReasons.ShouldBe(OpenReasons.Alarm2);
        bench.Meter.Clock.ShouldBe(Testing.Some.Moment.AddDays(3));
    }

    [Fact]
    public void A2_AfterTheCardRestores_ItDoesNotTripAgainBelowAlarm2()
    {
        var bench = Loaded(2000);
        var image = bench.Image(bench.UserCard(1, 2000));
        bench.Run(TimeSpan.FromDays(3), 1000);
        bench.Insert(image);
        var events = bench.Meter.Advance(TimeSpan.FromHours(5), LoadProfile.Constant(1000));
        events.ShouldNotContain(e => e.Kind == MeterEventKind.Alarm2);
        bench.State.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void A3_Exhausted_OpensTheRelay_AtTheOverdraftLimit_AndLoadingClosesIt()
    {
        var bench = Loaded(2000);
        var image = bench.Image(bench.UserCard(1, 2000));
        bench.Run(TimeSpan.FromDays(3), 1000);
        bench.Insert(image);
        bench.Run(TimeSpan.FromDays(3), 1000);
        bench.State.Remaining.Hundredths.ShouldBe(-500);
        bench.State.CreditState.ShouldBe(CreditState.Exhausted);
        bench.State.OpenReasons.ShouldBe(OpenReasons.CreditExhausted);

        bench.Insert(bench.UserCard(2, 3000)).Result.ShouldBe(MeterResult.Loaded);
        bench.State.Remaining.Hundredths.ShouldBe(2500); // the overdraft was paid back
        bench.State.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void R1_R2_RemoteTrip_ThenClosePermitted_WaitsForACard()
    {
        var bench = Loaded(5000);
        bench.Meter.ApplyRemote(RemoteCommand.Trip);
        bench.State.OpenReasons.ShouldBe(OpenReasons.Remote);
        bench.Meter.ApplyRemote(RemoteCommand.ClosePermitted);
        bench.State.OpenReasons.ShouldBe(OpenReasons.RemoteAwaitingCard);
        bench.Insert(bench.UserCard(1, 5000));
        bench.State.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void R3_DirectClose_ClosesAtOnce()
    {
        var bench = Loaded(5000);
        bench.Meter.ApplyRemote(RemoteCommand.Trip);
        bench.Meter.ApplyRemote(RemoteCommand.DirectClose);
        bench.State.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void R4_KeepPowerOn_HoldsTheRelayThroughExhaustion_UntilKeepPowerOff()
    {
        var bench = Loaded(500);
        var image = bench.Image(bench.UserCard(1, 500));
        bench.Meter.ApplyRemote(RemoteCommand.KeepPowerOn);
        bench.Run(TimeSpan.FromDays(1), 1000);
        bench.Insert(image); // clear the alarm-2 trip
        bench.Run(TimeSpan.FromDays(1), 1000);
        bench.State.Remaining.Hundredths.ShouldBeLessThan(-500);
        bench.State.Relay.ShouldBe(RelayState.Closed);
        bench.Meter.ApplyRemote(RemoteCommand.KeepPowerOff);
        bench.State.OpenReasons.ShouldBe(OpenReasons.CreditExhausted);
    }

    [Fact]
    public void R5_Alarm_OnlySetsTheFlag()
    {
        var bench = Loaded(5000);
        bench.Meter.ApplyRemote(RemoteCommand.AlarmOn);
        bench.State.AlarmOn.ShouldBeTrue();
        bench.State.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void K1_EnergyIsIntegratedExactly_CarryingWattSeconds()
    {
        var bench = Loaded(5000);
        // 7 W for 1 h = 7 Wh: no whole hundredth yet (10 Wh); the next hour completes one and carries 4 Wh.
        bench.Run(TimeSpan.FromHours(1), 7);
        bench.State.CumulativeEnergy.ShouldBe(Energy.Zero);
        bench.Run(TimeSpan.FromHours(1), 7);
        bench.State.CumulativeEnergy.ShouldBe(Energy.FromHundredths(1));
    }

    [Fact]
    public void K2_MoneyMeter_ChargesItsTieredTariffByTheMonth()
    {
        var bench = new MeterHarness(MeterModels.LegacyMoney).Configured();
        bench.Insert(bench.UserCard(1, 150_000)).Result.ShouldBe(MeterResult.Loaded);
        // 250 kWh within November: 200 at 0.5283 + 50 at 0.5783 = 105.66 + 28.915 → 134.58 (rounded once)
        bench.Run(TimeSpan.FromHours(125), 2000);
        bench.State.CreditConsumed.Hundredths.ShouldBe(13458);
        bench.State.Remaining.Hundredths.ShouldBe(150_000 - 13458);
    }

    [Fact]
    public void K2_TheTierStartsAgainWithTheMonth()
    {
        var bench = new MeterHarness(MeterModels.LegacyMoney).Configured();
        bench.Insert(bench.UserCard(1, 150_000));
        // From 23 Nov 08:30, 250 h at 1 kW crosses 1 Dec: 183.5 kWh in November, 66.5 in December, all in block 1.
        bench.Run(TimeSpan.FromHours(250), 1000);
        bench.State.CreditConsumed.Hundredths.ShouldBe(9694 + 3513);
    }

    [Fact]
    public void K2_TimeOfUseMeter_ChargesEachPeriodAtItsRate()
    {
        var bench = new MeterHarness(MeterModels.Get("pm-ref-money-tou")).Configured();
        bench.Insert(bench.UserCard(1, 100_000));
        // From 08:30: 9.5 h flat (to 18:00) then 5 h peak (to 23:00) then 1 h valley, at 1 kW.
        bench.Run(TimeSpan.FromHours(15.5), 1000);
        // 9.5 × 0.60 + 5 × 0.90 + 1 × 0.30 = 5.70 + 4.50 + 0.30
        bench.State.CreditConsumed.Hundredths.ShouldBe(1050);
    }

    [Fact]
    public void K3_TimeOfUseMeter_StopsExactlyAtAlarm2()
    {
        var bench = new MeterHarness(MeterModels.Get("pm-ref-money-tou")).Configured();
        bench.Insert(bench.UserCard(1, 3000)); // 35.00 with the preset
        bench.Run(TimeSpan.FromDays(3), 2000);
        bench.State.Remaining.Hundredths.ShouldBe(1000);
        bench.State.OpenReasons.ShouldBe(OpenReasons.Alarm2);
        bench.State.Conserves.ShouldBeTrue();
    }

    [Fact]
    public void K3_AYearUnderADailyCurve_TakesAFewThousandSteps()
    {
        var bench = Loaded(90_000);
        bench.Meter.ApplyRemote(RemoteCommand.KeepPowerOn);
        var steps = bench.Meter.Steps;
        bench.Meter.Advance(TimeSpan.FromDays(365), DailyCurve.Household());
        (bench.Meter.Steps - steps).ShouldBeLessThan(2200);
        bench.State.CumulativeEnergy.Hundredths.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void K4_OpenRelay_StopsConsumption()
    {
        var bench = Loaded(5000);
        bench.Meter.ApplyRemote(RemoteCommand.Trip);
        bench.Run(TimeSpan.FromDays(1), 2000);
        bench.State.CumulativeEnergy.ShouldBe(Energy.Zero);
    }

    [Fact]
    public void K2_MoneyMeter_StopsExactlyAtItsThresholds()
    {
        var bench = new MeterHarness(MeterModels.LegacyMoney).Configured();
        bench.Insert(bench.UserCard(1, 5000));
        bench.Run(TimeSpan.FromDays(10), 3000);
        // Alarm 2 is at 10.00: consumption stops at the first hundredth of a kWh that reaches it.
        var remaining = bench.State.Remaining.Hundredths;
        remaining.ShouldBeLessThanOrEqualTo(1000);
        remaining.ShouldBeGreaterThan(1000 - 2); // a hundredth of a kWh costs under 0.01 in this tier
        bench.State.OpenReasons.ShouldBe(OpenReasons.Alarm2);
    }

    [Fact]
    public void K3_ThresholdCenturiesAway_StepsToTheEndWithoutLeavingTheCalendar()
    {
        // A credit so vast that 1 W would take longer than the calendar holds to reach alarm 1.
        var model = MeterModels.ReferenceEnergy with { Id = "test-vast-credit", SourceText = "", PresetCredit = CreditAmount.Of(Energy.FromHundredths(Energy.MaxHundredths / 2)) };
        var bench = new MeterHarness(model);

        bench.Run(TimeSpan.FromDays(30), watts: 1);

        bench.State.Clock.ShouldBe(Testing.Some.Moment.AddDays(30));
        bench.State.CumulativeEnergy.ShouldBe(Energy.FromHundredths(72));
    }
}
