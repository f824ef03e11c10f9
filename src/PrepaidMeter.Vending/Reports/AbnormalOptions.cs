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
}
