namespace PrepaidMeter.Vending.Reports;

/// <summary>
/// How far a value is from a history, robustly: the modified z-score of Iglewicz and Hoaglin,
/// 0.6745 (x − median) / MAD, where MAD is the median absolute deviation. One wild month in the history
/// moves neither the median nor the MAD, where it would drag a mean and inflate a standard deviation.
/// Scores past 3.5 are outliers by their rule.
/// </summary>
public static class RobustScore
{
    public const decimal Threshold = 3.5m;

    public static decimal Median(IReadOnlyList<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("The median of nothing is undefined.", nameof(values));
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }

    public static decimal Mad(IReadOnlyList<long> values) => Mad(values, Median(values));

    private static decimal Mad(IReadOnlyList<long> values, decimal median)
    {
        var deviations = new decimal[values.Count];
        for (var i = 0; i < deviations.Length; i++)
        {
            deviations[i] = Math.Abs(values[i] - median);
        }

        Array.Sort(deviations);
        var middle = deviations.Length / 2;
        return deviations.Length % 2 == 1 ? deviations[middle] : (deviations[middle - 1] + deviations[middle]) / 2m;
    }

    /// <summary>
    /// The modified z-score of <paramref name="value"/>. When more than half the history is one value (MAD 0)
    /// the mean absolute deviation stands in, scaled to match (1.2533 MeanAD, as Iglewicz and Hoaglin advise);
    /// when the history never varies at all there is no score (null).
    /// </summary>
    public static decimal? Of(long value, IReadOnlyList<long> history)
    {
        var median = Median(history);
        var mad = Mad(history, median);
        if (mad != 0)
        {
            return 0.6745m * (value - median) / mad;
        }

        var meanAd = history.Average(v => Math.Abs(v - median));
        return meanAd == 0 ? null : (value - median) / (1.253314m * meanAd);
    }

    /// <summary>
    /// True when <paramref name="value"/> is an outlier against <paramref name="history"/>: its score is past
    /// <paramref name="threshold"/>, or the history never varies and the value differs from it.
    /// </summary>
    public static bool IsOutlier(long value, IReadOnlyList<long> history, decimal threshold, out decimal? score)
    {
        score = Of(value, history);
        return score is { } z ? Math.Abs(z) > threshold : value != Median(history);
    }
}
