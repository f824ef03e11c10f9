namespace PrepaidMeter.Vending.Reports;

/// <summary>
/// A leak's flat night-time floor (docs/reports.md, "Abnormal consumption"): a household's water stops at night, a
/// dripping tap or a burst pipe does not. Each night's use is read from the meter's own readings inside the night
/// window — the first and the last there, at least <see cref="AbnormalOptions.MinNightSpan"/> apart — as a rate in
/// hundredths of a litre per hour. A night without two such readings has no figure: it is left out, never guessed.
/// A meter whose every night with a figure shows use at or over the floor, over at least
/// <see cref="AbnormalOptions.LeakNights"/> nights, has a leak.
/// </summary>
internal static class NightFloor
{
    /// <summary>Litres in a hundredth of a m³, the register's step.</summary>
    private const long LitresPerStep = 10;

    /// <summary>
    /// The rate of each night whose date (the UTC day the night ends on) is in [<paramref name="from"/>, <paramref name="to"/>), in
    /// hundredths of a litre per hour, oldest first; <paramref name="readings"/> are (time, cumulative volume in hundredths of a m³).
    /// </summary>
    public static List<long> Nights(IEnumerable<(DateTimeOffset At, long Volume)> readings, DateTimeOffset from, DateTimeOffset to, AbnormalOptions rules)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(rules);
        var wraps = rules.NightStart > rules.NightEnd;
        var nights = new SortedDictionary<DateTime, ((DateTimeOffset At, long Volume) First, (DateTimeOffset At, long Volume) Last)>();
        foreach (var reading in readings)
        {
            var utc = reading.At.UtcDateTime;
            var time = utc.TimeOfDay;
            DateTime? night = wraps
                ? time >= rules.NightStart ? utc.Date.AddDays(1) : time <= rules.NightEnd ? utc.Date : null
                : time >= rules.NightStart && time <= rules.NightEnd ? utc.Date : null;
            if (night is not { } date || date < from.UtcDateTime.Date || date >= to.UtcDateTime)
            {
                continue;
            }

            nights[date] = nights.TryGetValue(date, out var seen)
                ? (reading.At < seen.First.At ? reading : seen.First, reading.At > seen.Last.At ? reading : seen.Last)
                : (reading, reading);
        }

        var rates = new List<long>();
        foreach (var (first, last) in nights.Values)
        {
            var seconds = (long)(last.At - first.At).TotalSeconds;
            if (last.At - first.At >= rules.MinNightSpan && seconds > 0 && last.Volume >= first.Volume)
            {
                // Steps × 10 L × 100 (hundredths) × 3600 s / seconds: whole numbers, rounded down.
                rates.Add((last.Volume - first.Volume) * LitresPerStep * 100 * 3600 / seconds);
            }
        }

        return rates;
    }

    /// <summary>The floor and the median night (hundredths of L/h) when the nights show a leak by <paramref name="rules"/>; null otherwise.</summary>
    public static (long Floor, decimal Median)? Leak(IReadOnlyList<long> nights, AbnormalOptions rules)
    {
        ArgumentNullException.ThrowIfNull(nights);
        ArgumentNullException.ThrowIfNull(rules);
        if (nights.Count < rules.LeakNights || nights.Count == 0)
        {
            return null;
        }

        var floor = nights.Min();
        return floor >= rules.LeakFloorLitresPerHour * 100L ? (floor, RobustScore.Median(nights)) : null;
    }
}
