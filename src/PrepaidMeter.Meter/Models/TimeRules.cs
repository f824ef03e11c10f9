namespace PrepaidMeter.Meter.Models;

/// <summary>A daily window [From, To) in UTC; To before From wraps past midnight (22:00–06:00).</summary>
public readonly record struct DailyWindow(TimeOnly From, TimeOnly To)
{
    public bool Contains(DateTimeOffset at)
    {
        var time = TimeOnly.FromTimeSpan(at.UtcDateTime.TimeOfDay);
        return From <= To ? time >= From && time < To : time >= From || time < To;
    }

    /// <summary>The next moment after <paramref name="at"/> when the window opens or closes.</summary>
    public DateTimeOffset NextEdgeAfter(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var midnight = utc - utc.TimeOfDay;
        var best = DateTimeOffset.MaxValue;
        foreach (var edge in (ReadOnlySpan<TimeOnly>)[From, To])
        {
            var candidate = midnight + edge.ToTimeSpan();
            if (candidate <= utc)
            {
                candidate = candidate.AddDays(1);
            }

            best = candidate < best ? candidate : best;
        }

        return best;
    }
}

/// <summary>Rules P1–P3: over the set card's power limit for a window trips; reconnect after a delay; lock out after N trips in a UTC day.</summary>
public sealed record PowerLimitRule(int WindowSeconds, int ReconnectDelaySeconds, int LockoutAfter);

/// <summary>Rule P4: a resistive load (power factor at or above the minimum, in thousandths) over the threshold trips at once.</summary>
public sealed record MalignantLoadRule(int ThresholdWatts, int MinPowerFactorThousandths, int ReconnectDelaySeconds);

/// <summary>Rule F1: when credit-exhausted does not disconnect.</summary>
public sealed record FriendlyPeriods(DailyWindow? Night, bool Weekends, IReadOnlySet<DateOnly> Holidays)
{
    public bool Contains(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return (Night is { } night && night.Contains(at))
            || (Weekends && utc.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            || Holidays.Contains(DateOnly.FromDateTime(utc));
    }

    /// <summary>The next moment the answer of <see cref="Contains"/> can change: a night edge or a midnight.</summary>
    public DateTimeOffset NextEdgeAfter(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        var nextMidnight = utc - utc.TimeOfDay + TimeSpan.FromDays(1);
        var nightEdge = Night?.NextEdgeAfter(at) ?? DateTimeOffset.MaxValue;
        return nightEdge < nextMidnight ? nightEdge : nextMidnight;
    }
}
