namespace PrepaidMeter.Meter.Load;

/// <summary>
/// A value that steps at given times of day and repeats every day (UTC): what a daily load curve and a daily flow
/// curve share. The value of the last step runs over midnight until the first.
/// </summary>
internal sealed class DailySteps
{
    private readonly (TimeOnly Start, int Value)[] _steps;

    /// <exception cref="ArgumentException">No steps, two at one time, or a value under 0 or over <paramref name="max"/>.</exception>
    public DailySteps(IEnumerable<(TimeOnly Start, int Value)> steps, string what, int max = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(steps);
        _steps = [.. steps.OrderBy(s => s.Start)];
        if (_steps.Length == 0 || _steps.Any(s => s.Value < 0 || s.Value > max) || _steps.Select(s => s.Start).Distinct().Count() != _steps.Length)
        {
            var range = max == int.MaxValue ? "0 or more" : $"0 to {max}";
            throw new ArgumentException($"A daily curve needs steps at distinct times with {what} of {range}.", nameof(steps));
        }
    }

    public int ValueAt(DateTimeOffset at)
    {
        var time = TimeOnly.FromTimeSpan(at.UtcDateTime.TimeOfDay);
        var value = _steps[^1].Value;
        foreach (var (start, v) in _steps)
        {
            if (start > time)
            {
                break;
            }

            value = v;
        }

        return value;
    }

    public DateTimeOffset? NextChangeAfter(DateTimeOffset at)
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
