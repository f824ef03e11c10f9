namespace PrepaidMeter.Meter.Load;

/// <summary>A day's load as steps (from 07:00, 1200 W; from 18:00, 2500 W; ...), repeated every day (UTC).</summary>
public sealed class DailyCurve : LoadProfile
{
    private readonly (TimeOnly Start, int Watts)[] _steps;

    /// <exception cref="ArgumentException">No steps, two at one time, or negative power.</exception>
    public DailyCurve(IEnumerable<(TimeOnly Start, int Watts)> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = [.. steps.OrderBy(s => s.Start)];
        if (_steps.Length == 0 || _steps.Any(s => s.Watts < 0) || _steps.Select(s => s.Start).Distinct().Count() != _steps.Length)
        {
            throw new ArgumentException("A daily curve needs steps at distinct times with power of 0 W or more.", nameof(steps));
        }
    }

    /// <summary>A household: low at night, a morning peak, moderate day, an evening peak.</summary>
    public static DailyCurve Household(double scale = 1.0) => new([
        (new TimeOnly(0, 0), (int)(200 * scale)),
        (new TimeOnly(6, 30), (int)(1500 * scale)),
        (new TimeOnly(9, 0), (int)(600 * scale)),
        (new TimeOnly(18, 0), (int)(2500 * scale)),
        (new TimeOnly(22, 30), (int)(400 * scale)),
    ]);

    public override int WattsAt(DateTimeOffset at)
    {
        var time = TimeOnly.FromTimeSpan(at.UtcDateTime.TimeOfDay);
        var watts = _steps[^1].Watts;
        foreach (var (start, w) in _steps)
        {
            if (start > time)
            {
                break;
            }

            watts = w;
        }

        return watts;
    }

    public override DateTimeOffset? NextChangeAfter(DateTimeOffset at)
    {
        if (_steps.Length == 1)
        {
            return null;
        }

        var utc = at.ToUniversalTime();
        var time = TimeOnly.FromTimeSpan(utc.TimeOfDay);
        var midnight = utc - utc.TimeOfDay;
        foreach (var (start, _) in _steps)
        {
            if (start > time)
            {
                return midnight + start.ToTimeSpan();
            }
        }

        return midnight.AddDays(1) + _steps[0].Start.ToTimeSpan();
    }
}
