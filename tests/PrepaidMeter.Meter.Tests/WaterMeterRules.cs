using PrepaidMeter.Core;
using PrepaidMeter.Meter.Batteries;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Valves;
using static PrepaidMeter.Meter.Tests.WaterMeter;

namespace PrepaidMeter.Meter.Tests;

/// <summary>The water and gas meter's rules M1–M7 (docs/water-gas.md, "The water and gas meter"): the parts put together.</summary>
public sealed class WaterMeterRules
{
    [Fact]
    public void M1_FlowThroughTheOpenValve_CountsTheVolumeAndTakesItFromCredit()
    {
        var meter = New();

        meter.Advance(TimeSpan.FromHours(3), FlowProfile.Constant(100));

        var state = meter.Snapshot();
        state.Flow!.CumulativeVolume.ShouldBe(Volume.FromCubicMetres(0.30m));
        state.Remaining.ShouldBe(M3(470));
        state.CreditConsumed.ShouldBe(M3(30));
        state.CumulativeEnergy.ShouldBe(Energy.Zero);
        state.Conserves.ShouldBeTrue();
    }

    [Fact]
    public void M1_SlowFlow_CarriesWhatIsUnderTenLitres()
    {
        var meter = New();

        // 7 L/h for an hour, twice: 7 L is under the register's 10 L, 14 L is one step of it.
        meter.Advance(TimeSpan.FromHours(1), FlowProfile.Constant(7));
        meter.Parts().CumulativeVolume.ShouldBe(Volume.Zero);
        meter.Advance(TimeSpan.FromHours(1), FlowProfile.Constant(7));

        meter.Parts().CumulativeVolume.ShouldBe(Volume.FromHundredths(1));
        meter.Snapshot().Remaining.ShouldBe(M3(499));
    }

    [Fact]
    public void M2_Alarm2Trip_ClosesTheValveOverItsTravelTime_AndNoMoreFlows()
    {
        var meter = New();

        // 3.00 m³ at 1 000 L/h takes remaining from 5.00 to alarm 2 (2.00) in exactly three hours.
        var events = meter.Advance(TimeSpan.FromHours(5), FlowProfile.Constant(1_000));

        var start = Testing.Some.Moment;
        var moving = events.Single(e => e.Kind == MeterEventKind.ValveMoving);
        moving.At.ShouldBe(start.AddHours(3));
        moving.Detail.ShouldContain("Alarm2");
        events.Single(e => e.Kind == MeterEventKind.ValveClosed).At.ShouldBe(start.AddHours(3).AddSeconds(10));
        events.ShouldNotContain(e => e.Kind == MeterEventKind.RelayOpened);
        var parts = meter.Parts();
        parts.Valve.ShouldBe(ValvePosition.Closed);
        // The supply is cut from the moment the valve starts to move (V3).
        parts.CumulativeVolume.ShouldBe(Volume.FromCubicMetres(3.00m));
        meter.Snapshot().Remaining.ShouldBe(M3(200));
    }

    [Fact]
    public void M2_ValveClosedByCredit_BatteryPaysForTheMotorRun()
    {
        // 5 mV a motor run, so one run shows in the whole millivolts the meter reports.
        var model = Model with { Battery = new BatteryRule(3600, 3200, 3000, 200, 5_000) };
        var still = New(model);
        var moved = New(model);

        still.Advance(TimeSpan.FromHours(5), FlowProfile.None);
        moved.Advance(TimeSpan.FromHours(5), FlowProfile.Constant(1_000));

        moved.Parts().ValveMotorRuns.ShouldBe(1);
        (still.Parts().BatteryMillivolts - moved.Parts().BatteryMillivolts).ShouldBe(5);
    }

    [Fact]
    public void M2_ReasonsChangeWhileTheValveIsHeldClosed_TheValveIsToldTheNewOnes()
    {
        var meter = New(Model with { Valve = new ValveRule(TimeSpan.FromSeconds(10), 1, TimeSpan.FromMinutes(1), null, TimeSpan.Zero) });
        meter.SeizeValve();
        meter.ApplyMagnet();

        // Stuck open, the water runs on to alarm 2: the valve, asked closed again for a new reason, tries again and names both.
        var events = meter.Advance(TimeSpan.FromHours(5), FlowProfile.Constant(1_000));

        var alarm2 = events.Single(e => e.Kind == MeterEventKind.Alarm2);
        events.Single(e => e.Kind == MeterEventKind.ValveMoving && e.At == alarm2.At).Detail.ShouldBe("closing: Alarm2, Tamper");
        meter.Snapshot().OpenReasons.ShouldBe(OpenReasons.Tamper | OpenReasons.Alarm2);
    }

    [Fact]
    public void M3_SeizedValve_StaysSeizedThroughAPowerCut()
    {
        var meter = New();
        meter.SeizeValve();

        meter.CutPower();
        meter.Restore();
        meter.ApplyMagnet();
        meter.Advance(TimeSpan.FromMinutes(10), FlowProfile.None);

        meter.Parts().Valve.ShouldBe(ValvePosition.StuckOpen, "a seized valve is the hardware's fault, not the memory's: a power cut does not free it");
    }

    [Fact]
    public void M3_SeizedValve_IsStuckOpenAfterItsRetries_AndTheWaterStillFlowsAndIsCounted()
    {
        var meter = New();
        meter.SeizeValve();

        var events = meter.Advance(TimeSpan.FromHours(4), FlowProfile.Constant(1_000));

        events.Count(e => e.Kind == MeterEventKind.ValveDidNotMove).ShouldBe(ValveRule.Reference.Retries);
        events.ShouldContain(e => e.Kind == MeterEventKind.ValveStuck);
        var parts = meter.Parts();
        parts.Valve.ShouldBe(ValvePosition.StuckOpen);
        parts.ValveAlarm.ShouldBeTrue();
        // A stuck-open valve lets water through: the meter counts it, below the exhausted line if it must — all but the
        // 40 s its motor ran (four tries of 10 s), which V3 counts as cut: 3.00 m³, then 3 560 s at 1 000 L/h.
        parts.CumulativeVolume.ShouldBe(Volume.FromCubicMetres(3.98m));
        meter.Snapshot().Remaining.ShouldBe(M3(102));
        meter.Snapshot().Conserves.ShouldBeTrue();
    }

    [Fact]
    public void M4_Magnet_ClosesTheValve_AndTheLatchHoldsItAfterTheMagnetIsGone()
    {
        var meter = New();

        meter.ApplyMagnet().ShouldContain(e => e.Kind == MeterEventKind.TamperDetected);
        meter.Advance(TimeSpan.FromMinutes(1), FlowProfile.Constant(100));
        meter.RemoveMagnet();
        meter.Advance(TimeSpan.FromHours(1), FlowProfile.Constant(100));

        var state = meter.Snapshot();
        state.OpenReasons.ShouldBe(OpenReasons.Tamper);
        state.Flow!.TamperLatched.ShouldBe(TamperFlags.Magnet);
        state.Flow.TamperActive.ShouldBe(TamperFlags.None);
        state.Flow.Valve.ShouldBe(ValvePosition.Closed);
        state.Flow.CumulativeVolume.ShouldBe(Volume.Zero);
    }

    [Fact]
    public void M4_CaseOpened_OnAModelWithoutACaseSwitch_NothingHappens()
    {
        var meter = New(Model with { Tamper = new TamperRule(hasCaseSwitch: false, clearsAfterQuiet: null) });

        meter.OpenCase().ShouldBeEmpty();

        meter.Snapshot().OpenReasons.ShouldBe(OpenReasons.None);
    }

    [Fact]
    public void M4_QuietPeriodOver_ReopensTheValveAtThatSecond()
    {
        var meter = New(Model with { Tamper = new TamperRule(hasCaseSwitch: true, clearsAfterQuiet: TimeSpan.FromHours(2)) });
        meter.ApplyMagnet();
        meter.Advance(TimeSpan.FromMinutes(30), FlowProfile.None);
        meter.RemoveMagnet();

        var events = meter.Advance(TimeSpan.FromHours(3), FlowProfile.None);

        events.Single(e => e.Kind == MeterEventKind.TamperCleared).At.ShouldBe(Testing.Some.Moment.AddMinutes(150));
        events.Single(e => e.Kind == MeterEventKind.ValveOpened).At.ShouldBe(Testing.Some.Moment.AddMinutes(150).AddSeconds(10));
        meter.Parts().Valve.ShouldBe(ValvePosition.Open);
    }

    [Fact]
    public void M5_CriticalBattery_ClosesTheValve_AndAFreshOneOpensItAgain()
    {
        // 0.1 V a day: low (3.2 V) after four days, critical (3.0 V) after six.
        var meter = New(Model with { Battery = new BatteryRule(3600, 3200, 3000, 100_000, 500) });

        var events = meter.Advance(TimeSpan.FromDays(7), FlowProfile.None);

        events.Single(e => e.Kind == MeterEventKind.BatteryLow).At.ShouldBe(Testing.Some.Moment.AddDays(4));
        events.Single(e => e.Kind == MeterEventKind.BatteryCritical).At.ShouldBe(Testing.Some.Moment.AddDays(6));
        events.Single(e => e.Kind == MeterEventKind.ValveMoving).At.ShouldBe(Testing.Some.Moment.AddDays(6));
        meter.Snapshot().OpenReasons.ShouldBe(OpenReasons.BatteryCritical);
        meter.Parts().Valve.ShouldBe(ValvePosition.Closed);

        meter.ChangeBattery().ShouldContain(e => e.Kind == MeterEventKind.BatteryChanged);
        meter.Advance(TimeSpan.FromSeconds(10), FlowProfile.None);

        meter.Snapshot().OpenReasons.ShouldBe(OpenReasons.None);
        meter.Parts().Valve.ShouldBe(ValvePosition.Open);
        meter.Parts().Battery.ShouldBe(BatteryLevel.Normal);
    }

    [Fact]
    public void M6_Leak_IsFlaggedAfterTheRulesWindow_AndFallsWithTheFlow()
    {
        var meter = New();

        var events = meter.Advance(TimeSpan.FromHours(25), FlowProfile.Constant(6));

        events.Single(e => e.Kind == MeterEventKind.LeakDetected).At.ShouldBe(Testing.Some.Moment.AddHours(24));
        meter.Parts().Leaking.ShouldBeTrue();
        meter.Advance(TimeSpan.FromMinutes(1), FlowProfile.None).ShouldContain(e => e.Kind == MeterEventKind.LeakEnded);
        meter.Parts().Leaking.ShouldBeFalse();
    }

    [Fact]
    public void M6_ValveExercise_CutsTheSupplyForTwoTravelTimesOnly()
    {
        // A preset that lasts the month: only the exercise moves the valve.
        var meter = New(Model with { PresetCredit = M3(100_000) });

        var events = meter.Advance(TimeSpan.FromDays(31), FlowProfile.Constant(100));

        events.Single(e => e.Kind == MeterEventKind.ValveExercise).At.ShouldBe(Testing.Some.Moment.AddDays(30));
        // 31 days at 100 L/h less the 20 s the valve was moving (a moving valve cuts the supply), in whole 10 L steps.
        meter.Parts().CumulativeVolume.Hundredths.ShouldBe(((31L * 86_400) - 20) * 100 / FlowSensor.LitreSecondsPerHourPerHundredth);
        meter.Parts().Valve.ShouldBe(ValvePosition.Open);
    }

    [Fact]
    public void M7_Nvram_KeepsEveryPart()
    {
        var meter = New();
        meter.Advance(TimeSpan.FromHours(2), FlowProfile.Constant(350));
        meter.ApplyMagnet();
        meter.Advance(TimeSpan.FromSeconds(4), FlowProfile.Constant(350));

        VirtualMeter.TryLoad(meter.SaveNvram(), id => id == Model.Id ? Model : null, out var loaded).ShouldBeNull();

        loaded!.Snapshot().ShouldBeEquivalentTo(meter.Snapshot());
        loaded.Parts().Valve.ShouldBe(ValvePosition.Closing);
        // ...and goes on exactly as the meter it was saved from.
        loaded.Advance(TimeSpan.FromHours(1), FlowProfile.Constant(350));
        meter.Advance(TimeSpan.FromHours(1), FlowProfile.Constant(350));
        loaded.Snapshot().ShouldBeEquivalentTo(meter.Snapshot());
    }

    [Fact]
    public void M7_PowerCutBeforeTheSetCardsCommit_KeepsTheTamperLatch_AndTheNextSetCardClearsIt()
    {
        var bench = new MeterHarness(Model).Configured();
        bench.Meter.ApplyMagnet();
        bench.Meter.RemoveMagnet();

        bench.Meter.InsertCard(bench.Image(bench.ToolCard(Cards.Records.CardKind.Set)), PowerCutPoint.BeforeCommit);
        bench.Meter.Restore();

        bench.State.Flow!.TamperLatched.ShouldBe(TamperFlags.Magnet, "the clearing was not committed");
        bench.Insert(bench.ToolCard(Cards.Records.CardKind.Set)).Accepted.ShouldBeTrue();
        bench.State.Flow!.TamperLatched.ShouldBe(TamperFlags.None);
        bench.State.OpenReasons.ShouldBe(OpenReasons.None);
    }

    [Fact]
    public void M7_Nvram_KeepsTheLeakWindowAndTheBatterysCarry()
    {
        var meter = New();
        meter.Advance(TimeSpan.FromHours(20) + TimeSpan.FromSeconds(7), FlowProfile.Constant(6));

        VirtualMeter.TryLoad(meter.SaveNvram(), id => id == Model.Id ? Model : null, out var loaded).ShouldBeNull();
        var again = loaded!.Advance(TimeSpan.FromHours(5), FlowProfile.Constant(6));
        var original = meter.Advance(TimeSpan.FromHours(5), FlowProfile.Constant(6));

        // The window opened 20 h before the save: the loaded meter flags the leak at the 24th hour, as the original does.
        again.Single(e => e.Kind == MeterEventKind.LeakDetected).At.ShouldBe(Testing.Some.Moment.AddHours(24));
        again.ShouldBe(original);
        loaded.SaveNvram().ShouldBe(meter.SaveNvram());
    }

    [Fact]
    public void Advance_WaterMeterUnderALoad_IsAProgrammingError() =>
        Should.Throw<InvalidOperationException>(() => New().Advance(TimeSpan.FromHours(1), LoadProfile.Constant(100)));

    [Fact]
    public void Advance_ElectricityMeterUnderAFlow_IsAProgrammingError() =>
        Should.Throw<InvalidOperationException>(() => new MeterHarness().Meter.Advance(TimeSpan.FromHours(1), FlowProfile.Constant(100)));

    [Fact]
    public void Snapshot_ElectricityMeter_HasNoFlowSide() =>
        new MeterHarness().State.Flow.ShouldBeNull();
}
