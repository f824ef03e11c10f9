namespace PrepaidMeter.Meter.Load;

/// <summary>A day's load as steps (from 07:00, 1200 W; from 18:00, 2500 W; ...), repeated every day (UTC).</summary>
public sealed class DailyCurve : LoadProfile
{
    private readonly DailySteps _steps;

    /// <exception cref="ArgumentException">No steps, two at one time, or negative power.</exception>
    public DailyCurve(IEnumerable<(TimeOnly Start, int Watts)> steps) => _steps = new(steps, "power");

    /// <summary>A household: low at night, a morning peak, moderate day, an evening peak.</summary>
    public static DailyCurve Household(double scale = 1.0) => new([
        (new TimeOnly(0, 0), (int)(200 * scale)),
        (new TimeOnly(6, 30), (int)(1500 * scale)),
        (new TimeOnly(9, 0), (int)(600 * scale)),
        (new TimeOnly(18, 0), (int)(2500 * scale)),
        (new TimeOnly(22, 30), (int)(400 * scale)),
    ]);

    public override int WattsAt(DateTimeOffset at) => _steps.ValueAt(at);

    public override DateTimeOffset? NextChangeAfter(DateTimeOffset at) => _steps.NextChangeAfter(at);
}
