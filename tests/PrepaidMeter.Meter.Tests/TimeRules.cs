using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter.Tests;

/// <summary>docs/meter-rules.md, sections P, S and F, on the pm-ref-full model (limit 5 kW; the clock starts Monday 23 Nov 2026 08:30 UTC).</summary>
public sealed class TimeRules
{
    private static MeterHarness Supplied()
    {
        var bench = new MeterHarness(MeterModels.Get("pm-ref-full")).Configured();
        bench.Insert(bench.UserCard(1, 90_000));
        return bench;
    }

    [Fact]
    public void P1_OverThePowerLimitForTheWindow_Trips()
    {
        var bench = Supplied();
        bench.Meter.Advance(TimeSpan.FromSeconds(59), LoadProfile.Constant(6000));
        bench.State.Relay.ShouldBe(RelayState.Closed);
        var events = bench.Meter.Advance(TimeSpan.FromSeconds(2), LoadProfile.Constant(6000));
        events.ShouldContain(e => e.Kind == MeterEventKind.OverPower);
        bench.State.OpenReasons.ShouldBe(OpenReasons.OverPower);
    }

    [Fact]
    public void P1_ADipUnderTheLimit_RestartsTheWindow()
    {
        var bench = Supplied();
        bench.Meter.Advance(TimeSpan.FromSeconds(50), LoadProfile.Constant(6000));
        bench.Meter.Advance(TimeSpan.FromSeconds(5), LoadProfile.Constant(1000));
        bench.Meter.Advance(TimeSpan.FromSeconds(50), LoadProfile.Constant(6000));
        bench.State.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void P2_ReconnectsByItselfAfterTheDelay()
    {
        var bench = Supplied();
        bench.Meter.Advance(TimeSpan.FromSeconds(61), LoadProfile.Constant(6000));
        var events = bench.Meter.Advance(TimeSpan.FromSeconds(300), LoadProfile.Constant(1000));
        events.ShouldContain(e => e.Kind == MeterEventKind.Reconnected);
        bench.State.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void P3_ThirdTripOfTheDay_LocksOutUntilAUserCard()
    {
        var bench = Supplied();
        var events = bench.Meter.Advance(TimeSpan.FromHours(1), LoadProfile.Constant(6000));
        events.Count(e => e.Kind == MeterEventKind.OverPower).ShouldBe(2);
        events.ShouldContain(e => e.Kind == MeterEventKind.LockedOut);
        bench.State.OpenReasons.ShouldBe(OpenReasons.LockedOut);
        bench.Meter.Advance(TimeSpan.FromHours(2), LoadProfile.Constant(100));
        bench.State.OpenReasons.ShouldBe(OpenReasons.LockedOut);
        bench.Insert(bench.UserCard(1, 90_000));
        bench.State.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void P4_AResistiveLoad_TripsAtOnce_AndReconnectsAfterItsDelay()
    {
        var bench = Supplied();
        var events = bench.Meter.Advance(TimeSpan.FromSeconds(1), LoadProfile.Constant(2000, powerFactorThousandths: 995));
        events.ShouldContain(e => e.Kind == MeterEventKind.MalignantLoad);
        bench.State.OpenReasons.ShouldBe(OpenReasons.MalignantLoad);
        bench.Meter.Advance(TimeSpan.FromSeconds(600), LoadProfile.Constant(500));
        bench.State.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void P4_TheSamePowerWithAMotorsPowerFactor_IsNotMalignant()
    {
        var bench = Supplied();
        bench.Meter.Advance(TimeSpan.FromMinutes(10), LoadProfile.Constant(2000, powerFactorThousandths: 850));
        bench.State.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void S1_TheRelayIsOpenDuringTheScheduledWindow_AndClosesAtItsEnd()
    {
        var bench = Supplied();
        bench.Meter.Advance(TimeSpan.FromHours(18), LoadProfile.Constant(100)); // to 02:30 next day
        bench.State.OpenReasons.ShouldBe(OpenReasons.Scheduled);
        var before = bench.State.CumulativeEnergy;
        bench.Meter.Advance(TimeSpan.FromMinutes(29), LoadProfile.Constant(1000));
        bench.State.CumulativeEnergy.ShouldBe(before); // K4: no consumption while open
        bench.Meter.Advance(TimeSpan.FromMinutes(2), LoadProfile.Constant(1000));
        bench.State.Relay.ShouldBe(RelayState.Closed);
    }

    [Fact]
    public void F1_ExhaustedAtNight_StaysOnUntilMorning()
    {
        var bench = new MeterHarness(MeterModels.Get("pm-ref-full")).Configured();
        var image = bench.Image(bench.UserCard(1, 1000));
        bench.Insert(image);
        bench.Meter.Advance(TimeSpan.FromHours(14), LoadProfile.Constant(800)); // alarm 2 trips at 21:00; now 22:30, night
        bench.State.OpenReasons.ShouldBe(OpenReasons.Alarm2);
        bench.Insert(image); // the card restores it with 10.00 kWh left
        bench.Meter.Advance(TimeSpan.FromHours(7), LoadProfile.Constant(3000)); // 05:30: 21 kWh drawn, far past exhausted
        var night = bench.State;
        night.CreditState.ShouldBe(CreditState.Exhausted);
        night.Remaining.Hundredths.ShouldBeLessThan(-500);
        night.Relay.ShouldBe(RelayState.Closed);
        bench.Meter.Advance(TimeSpan.FromHours(1), LoadProfile.Constant(3000)); // the night ends at 06:00
        bench.State.OpenReasons.ShouldBe(OpenReasons.CreditExhausted);
    }
}
