using PrepaidMeter.Meter.Batteries;

namespace PrepaidMeter.Meter.Tests.Batteries;

/// <summary>Rules B1–B4 of docs/water-gas.md: a water or gas meter's battery.</summary>
public sealed class BatteryTests
{
    private static readonly DateTimeOffset Fitted = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // 3.6 V fresh, low at 3.2 V, critical at 3.0 V; 1 mV a day, 10 mV a motor run: round numbers to check against.
    private static readonly BatteryRule Rule = new(3600, 3200, 3000, 1000, 10_000);

    [Fact]
    public void B1_Advance_FallsEvenlyWithTime_ToTheMicrovolt()
    {
        var battery = new Battery(Rule, Fitted);

        battery.Advance(TimeSpan.FromDays(10)).ShouldBeEmpty();
        battery.Millivolts.ShouldBe(3590);
        battery.Advance(TimeSpan.FromHours(12));
        battery.Microvolts.ShouldBe(3_589_500);
        battery.Level.ShouldBe(BatteryLevel.Normal);
    }

    [Fact]
    public void B1_MotorRan_FallsByTheRulesStep()
    {
        var battery = new Battery(Rule, Fitted);

        battery.MotorRan().ShouldBeEmpty();

        battery.Millivolts.ShouldBe(3590);
    }

    [Fact]
    public void B2_Advance_ReachesLow_AlarmAtThatSecondOnce()
    {
        var battery = new Battery(Rule, Fitted);

        var events = battery.Advance(TimeSpan.FromDays(450));

        var low = events.ShouldHaveSingleItem();
        low.Kind.ShouldBe(BatteryEventKind.Low);
        low.At.ShouldBe(Fitted.AddDays(400)); // 400 mV at 1 mV a day
        battery.Level.ShouldBe(BatteryLevel.Low);
        battery.Advance(TimeSpan.FromDays(10)).ShouldBeEmpty();
    }

    [Fact]
    public void B3_Advance_ReachesCritical_AfterLow()
    {
        var battery = new Battery(Rule, Fitted);

        var events = battery.Advance(TimeSpan.FromDays(700));

        events.Select(e => (e.Kind, e.At)).ShouldBe([(BatteryEventKind.Low, Fitted.AddDays(400)), (BatteryEventKind.Critical, Fitted.AddDays(600))]);
        battery.Level.ShouldBe(BatteryLevel.Critical);
        battery.Millivolts.ShouldBe(2900);
    }

    [Fact]
    public void B3_MotorRan_PassesBothLevels_ReportsLowThenCritical()
    {
        var battery = new Battery(new BatteryRule(3600, 3595, 3590, 0, 20_000), Fitted);

        battery.MotorRan().Select(e => e.Kind).ShouldBe([BatteryEventKind.Low, BatteryEventKind.Critical]);
    }

    [Fact]
    public void B4_Change_FreshVoltageAndLevelsToldAgain()
    {
        var battery = new Battery(Rule, Fitted);
        battery.Advance(TimeSpan.FromDays(450));

        var changed = battery.Change();

        changed.Kind.ShouldBe(BatteryEventKind.Changed);
        changed.Detail.ShouldBe("3150 mV → 3600 mV");
        battery.Level.ShouldBe(BatteryLevel.Normal);
        battery.Advance(TimeSpan.FromDays(400)).ShouldHaveSingleItem().At.ShouldBe(Fitted.AddDays(850));
    }

    [Fact]
    public void LithiumCell_WithAValveRunAWeek_LowAfterFourYearsCriticalAfterSix()
    {
        var battery = new Battery(BatteryRule.LithiumCell, Fitted);
        var events = new List<BatteryEvent>();
        for (var week = 0; week < 7 * 52; week++)
        {
            events.AddRange(battery.Advance(TimeSpan.FromDays(7)));
            events.AddRange(battery.MotorRan());
        }

        var low = events.Single(e => e.Kind == BatteryEventKind.Low).At;
        var critical = events.Single(e => e.Kind == BatteryEventKind.Critical).At;
        (low - Fitted).TotalDays.ShouldBeInRange(4 * 365, 4.5 * 365);
        (critical - Fitted).TotalDays.ShouldBeInRange(6 * 365, 6.5 * 365);
    }

    [Theory]
    [InlineData(3600, 3200, 3200, 1, 1)]
    [InlineData(3200, 3200, 3000, 1, 1)]
    [InlineData(3600, 3200, 0, 1, 1)]
    [InlineData(100_001, 3200, 3000, 1, 1)]
    [InlineData(3600, 3200, 3000, 3_600_001, 1)]
    [InlineData(3600, 3200, 3000, 1, 3_600_001)]
    [InlineData(3600, 3200, 3000, -1, 1)]
    public void Rule_LevelsOutOfOrderOrDrainOutOfRange_IsAProgrammingError(int fresh, int low, int critical, long perDay, long perRun) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new BatteryRule(fresh, low, critical, perDay, perRun));

    [Fact]
    public void B1_ACenturyAtTheMostARuleDrains_EndsAtZeroWithoutOverflow()
    {
        var battery = new Battery(new BatteryRule(100_000, 3200, 3000, 100_000_000, 100_000_000), Fitted);

        battery.Advance(TimeSpan.FromDays(36_525)).Select(e => e.Kind).ShouldBe([BatteryEventKind.Low, BatteryEventKind.Critical]);

        battery.Microvolts.ShouldBe(0);
    }
}
