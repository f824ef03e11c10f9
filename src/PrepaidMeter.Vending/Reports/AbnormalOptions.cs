namespace PrepaidMeter.Vending.Reports;

/// <summary>The thresholds of the abnormal-consumption analysis; the defaults are the documented ones (docs/reports.md).</summary>
public sealed record AbnormalOptions
{
    /// <summary>Months of the customer's own history a robust score needs, at least.</summary>
    public int MinHistoryMonths { get; init; } = 6;

    /// <summary>A modified z-score past this flags the month.</summary>
    public decimal ScoreThreshold { get; init; } = RobustScore.Threshold;

    /// <summary>A month below this share of the same month last year (in percent) is a sharp drop.</summary>
    public int DropPercent { get; init; } = 50;

    /// <summary>No purchase and no reading for this long, up to the month's end, is a silence.</summary>
    public TimeSpan Silence { get; init; } = TimeSpan.FromDays(60);

    /// <summary>Water and gas: the night window starts at this UTC time of day (a window that starts after it ends crosses midnight).</summary>
    public TimeSpan NightStart { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Water and gas: the night window ends at this UTC time of day.</summary>
    public TimeSpan NightEnd { get; init; } = TimeSpan.FromHours(5);

    /// <summary>A night has a figure only from two readings inside its window at least this far apart.</summary>
    public TimeSpan MinNightSpan { get; init; } = TimeSpan.FromHours(3);

    /// <summary>Nights with a figure a leak needs, at least, in the month.</summary>
    public int LeakNights { get; init; } = 7;

    /// <summary>Litres an hour every night with a figure must show, at least, for a leak: the floor never falls under it.</summary>
    public int LeakFloorLitresPerHour { get; init; } = 1;
}
