using PrepaidMeter.Meter.Load;

namespace PrepaidMeter.Meter.Flow;

/// <summary>A day's flow as steps (from 06:30, 60 L/h; from 09:00, 10 L/h; ...), repeated every day (UTC).</summary>
public sealed class DailyFlowCurve : FlowProfile
{
    private readonly DailySteps _steps;

    /// <exception cref="ArgumentException">No steps, two at one time, or a flow under 0 or over <see cref="FlowProfile.MaxLitresPerHour"/>.</exception>
    public DailyFlowCurve(IEnumerable<(TimeOnly Start, int LitresPerHour)> steps) => _steps = new(steps, "a flow in L/h", MaxLitresPerHour);

    /// <summary>
    /// A household of three on water: nothing at night, the morning's showers, a little through the day, the evening's
    /// cooking and washing — 415 L a day (0.415 m³; about 140 L a person, the usual urban figure).
    /// </summary>
    public static DailyFlowCurve HouseholdWater() => new([
        (new TimeOnly(0, 0), 0),
        (new TimeOnly(6, 30), 60),
        (new TimeOnly(9, 0), 10),
        (new TimeOnly(12, 0), 20),
        (new TimeOnly(14, 0), 5),
        (new TimeOnly(18, 0), 40),
        (new TimeOnly(22, 0), 10),
        (new TimeOnly(23, 30), 0),
    ]);

    /// <summary>
    /// A household on piped gas for cooking and hot water: breakfast, lunch, a longer evening, nothing at night —
    /// 1,530 L a day (1.53 m³).
    /// </summary>
    public static DailyFlowCurve HouseholdGas() => new([
        (new TimeOnly(0, 0), 0),
        (new TimeOnly(6, 30), 300),
        (new TimeOnly(7, 30), 20),
        (new TimeOnly(11, 30), 400),
        (new TimeOnly(12, 30), 20),
        (new TimeOnly(17, 30), 250),
        (new TimeOnly(19, 30), 60),
        (new TimeOnly(22, 0), 0),
    ]);

    public override int LitresPerHourAt(DateTimeOffset at) => _steps.ValueAt(at);

    public override DateTimeOffset? NextChangeAfter(DateTimeOffset at) => _steps.NextChangeAfter(at);
}
