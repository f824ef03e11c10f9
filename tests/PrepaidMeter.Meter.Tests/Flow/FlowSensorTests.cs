using PrepaidMeter.Core;
using PrepaidMeter.Meter.Flow;

namespace PrepaidMeter.Meter.Tests.Flow;

/// <summary>Rules W1–W3 of docs/water-gas.md: the volume register and the leak watch of a water or gas meter.</summary>
public sealed class FlowSensorTests
{
    private static readonly DateTimeOffset Midnight = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly LeakRule DayLong = new(1, TimeSpan.FromHours(24));

    [Fact]
    public void W1_Advance_ConstantFlow_CountsHundredthsAndCarriesTheRest()
    {
        var sensor = new FlowSensor(Midnight, leak: null);

        sensor.Advance(TimeSpan.FromMinutes(7), FlowProfile.Constant(100)); // 100 L/h for 7 min: 11.67 L

        sensor.Total.ShouldBe(Volume.FromHundredths(1)); // 10 L counted
        sensor.Carry.ShouldBe((100 * 420) - FlowSensor.LitreSecondsPerHourPerHundredth); // 1.67 L carried, not lost
        sensor.Advance(TimeSpan.FromMinutes(5), FlowProfile.Constant(100)); // 20 L in all
        sensor.Total.ShouldBe(Volume.FromHundredths(2));
        sensor.Carry.ShouldBe(0);
    }

    [Fact]
    public void W1_Advance_HouseholdWaterDay_Passes415Litres()
    {
        var sensor = new FlowSensor(Midnight, DayLong);

        var events = sensor.Advance(TimeSpan.FromDays(1), DailyFlowCurve.HouseholdWater());

        sensor.Total.ShouldBe(Volume.FromCubicMetres(0.41m));
        sensor.Carry.ShouldBe(5 * 3600); // the 5 L below the next hundredth
        events.ShouldBeEmpty(); // the night stops the flow: no leak
        sensor.Leaking.ShouldBeFalse();
    }

    [Fact]
    public void W1_Advance_HouseholdGasDay_Passes1530Litres()
    {
        var sensor = new FlowSensor(Midnight, leak: null);

        sensor.Advance(TimeSpan.FromDays(1), DailyFlowCurve.HouseholdGas());

        sensor.Total.ShouldBe(Volume.FromCubicMetres(1.53m));
        sensor.Carry.ShouldBe(0);
    }

    [Fact]
    public void W2_Advance_LeakUnderTheHousehold_FlaggedAtTheWindowsExactSecond()
    {
        var sensor = new FlowSensor(Midnight, DayLong);
        var leakFrom = Midnight.AddHours(3).AddMinutes(17);

        var events = sensor.Advance(TimeSpan.FromDays(3), DailyFlowCurve.HouseholdWater().WithLeak(2, leakFrom));

        var detected = events.ShouldHaveSingleItem();
        detected.Kind.ShouldBe(FlowEventKind.LeakDetected);
        detected.At.ShouldBe(leakFrom.AddHours(24));
        sensor.Leaking.ShouldBeTrue();
        sensor.FlowingSince.ShouldBe(leakFrom);
    }

    [Fact]
    public void W2_Advance_FlowUnderTheMinimum_IsNoLeak()
    {
        var sensor = new FlowSensor(Midnight, new LeakRule(5, TimeSpan.FromHours(1)));

        sensor.Advance(TimeSpan.FromDays(2), FlowProfile.Constant(4)).ShouldBeEmpty();

        sensor.Leaking.ShouldBeFalse();
        sensor.FlowingSince.ShouldBeNull();
        sensor.Total.ShouldBe(Volume.FromHundredths(19)); // still counted: 192 L
    }

    [Fact]
    public void W3_Advance_FlowStops_LeakEndsAtThatSecond()
    {
        var sensor = new FlowSensor(Midnight, new LeakRule(1, TimeSpan.FromHours(2)));
        sensor.Advance(TimeSpan.FromHours(3), FlowProfile.Constant(30)).ShouldHaveSingleItem().Kind.ShouldBe(FlowEventKind.LeakDetected);

        var events = sensor.Advance(TimeSpan.FromHours(1), FlowProfile.None);

        var ended = events.ShouldHaveSingleItem();
        ended.Kind.ShouldBe(FlowEventKind.LeakEnded);
        ended.At.ShouldBe(Midnight.AddHours(3));
        sensor.Leaking.ShouldBeFalse();
        sensor.FlowingSince.ShouldBeNull();
    }

    [Fact]
    public void W3_AdvanceEndsWhereTheFlowStops_FlagFallsAtThatSecond()
    {
        var sensor = new FlowSensor(Midnight, new LeakRule(5, TimeSpan.FromHours(1)));
        var flow = new DailyFlowCurve([(new TimeOnly(0, 0), 10), (new TimeOnly(2, 0), 0)]);

        var events = sensor.Advance(TimeSpan.FromHours(2), flow);

        events.Select(e => (e.Kind, e.At)).ShouldBe([(FlowEventKind.LeakDetected, Midnight.AddHours(1)), (FlowEventKind.LeakEnded, Midnight.AddHours(2))]);
        sensor.Leaking.ShouldBeFalse();
        sensor.FlowingSince.ShouldBeNull();
    }

    [Fact]
    public void W2_LeakDetected_TellsItsStartInUtc_WhateverTheOffset()
    {
        var start = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(8));
        var sensor = new FlowSensor(start, new LeakRule(1, TimeSpan.FromHours(1)));

        var detected = sensor.Advance(TimeSpan.FromHours(2), FlowProfile.Constant(3)).ShouldHaveSingleItem();

        detected.Detail.ShouldContain("since 2026-01-01 00:00:00Z");
        detected.At.ShouldBe(start.AddHours(1));
    }

    [Fact]
    public void Flow_OverTheMaximum_IsAProgrammingError()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => FlowProfile.Constant(FlowProfile.MaxLitresPerHour + 1));
        Should.Throw<ArgumentOutOfRangeException>(() => FlowProfile.None.WithLeak(FlowProfile.MaxLitresPerHour + 1, Midnight));
        Should.Throw<ArgumentException>(() => new DailyFlowCurve([(new TimeOnly(0, 0), FlowProfile.MaxLitresPerHour + 1)]));
    }

    [Fact]
    public void W1_ACenturyAtTheMostAProfileGives_StillFits()
    {
        var sensor = new FlowSensor(Midnight, DayLong);

        sensor.Advance(TimeSpan.FromDays(36_525), FlowProfile.Constant(FlowProfile.MaxLitresPerHour).WithLeak(FlowProfile.MaxLitresPerHour, Midnight));

        sensor.Total.ShouldBe(Volume.FromHundredths(2L * FlowProfile.MaxLitresPerHour * 24 * 36_525 / 10));
    }

    [Fact]
    public void W2_Advance_FlowResumesAfterABreak_WindowStartsAgain()
    {
        var sensor = new FlowSensor(Midnight, new LeakRule(1, TimeSpan.FromHours(2)));
        sensor.Advance(TimeSpan.FromMinutes(90), FlowProfile.Constant(30));
        sensor.Advance(TimeSpan.FromSeconds(1), FlowProfile.None);

        var events = sensor.Advance(TimeSpan.FromHours(3), FlowProfile.Constant(30));

        events.ShouldHaveSingleItem().At.ShouldBe(Midnight.AddMinutes(90).AddSeconds(1).AddHours(2));
    }

    [Fact]
    public void New_ClockWithAFraction_IsAProgrammingError() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new FlowSensor(Midnight.AddMilliseconds(1), null));

    [Theory]
    [InlineData(0, 3600)]
    [InlineData(1, 59)]
    public void LeakRule_NoFlowOrTooShortAWindow_IsAProgrammingError(int litresPerHour, int seconds) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new LeakRule(litresPerHour, TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void DailyFlowCurve_NegativeFlow_IsAProgrammingError() =>
        Should.Throw<ArgumentException>(() => new DailyFlowCurve([(new TimeOnly(0, 0), -1)]));
}
