namespace PrepaidMeter.Vending.Reports;

/// <summary>
/// How far a value is from a history, robustly: the modified z-score of Iglewicz and Hoaglin,
/// 0.6745 (x − median) / MAD, where MAD is the median absolute deviation. One wild month in the history
/// moves neither the median nor the MAD, where it would drag a mean and inflate a standard deviation.
/// Scores past 3.5 are outliers by their rule.
/// </summary>
/// <remarks>
/// The abnormal analysis scores a city's 100,000 customers twice each, so the work is done in whole numbers
/// on the stack: twice the median is a whole number (a value, or the sum of the middle two), so is twice every
/// deviation from it, and twice the median of those — four times the MAD. The score's ratio is the same at
/// any common scale, so it comes out the same decimal as computing in decimals throughout.
/// </remarks>
public static class RobustScore
{
    public const decimal Threshold = 3.5m;

    // Histories are months (12 at most in the analysis); longer ones go to the heap.
    private const int OnStack = 64;

    public static decimal Median(IReadOnlyList<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Span<long> buffer = values.Count <= OnStack ? stackalloc long[values.Count] : new long[values.Count];
        return MedianTimesTwo(CopyOf(values, buffer)) / 2m;
    }

    public static decimal Mad(IReadOnlyList<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Span<long> buffer = values.Count <= OnStack ? stackalloc long[values.Count] : new long[values.Count];
        var sorted = CopyOf(values, buffer);
        return MadTimesFour(sorted, MedianTimesTwo(sorted)) / 4m;
    }

    /// <summary>
    /// The modified z-score of <paramref name="value"/>. When more than half the history is one value (MAD 0)
    /// the mean absolute deviation stands in, scaled to match (1.2533 MeanAD, as Iglewicz and Hoaglin advise);
    /// when the history never varies at all there is no score (null).
    /// </summary>
    public static decimal? Of(long value, IReadOnlyList<long> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        Span<long> buffer = history.Count <= OnStack ? stackalloc long[history.Count] : new long[history.Count];
        return Of(value, CopyOf(history, buffer), out _);
    }

    /// <summary>
    /// True when <paramref name="value"/> is an outlier against <paramref name="history"/>: its score is past
    /// <paramref name="threshold"/>, or the history never varies and the value differs from it.
    /// </summary>
    public static bool IsOutlier(long value, IReadOnlyList<long> history, decimal threshold, out decimal? score)
    {
        ArgumentNullException.ThrowIfNull(history);
        Span<long> buffer = history.Count <= OnStack ? stackalloc long[history.Count] : new long[history.Count];
        return Judge(value, CopyOf(history, buffer), threshold, out score);
    }

    /// <summary>As <see cref="IsOutlier(long, IReadOnlyList{long}, decimal, out decimal?)"/>, sorting <paramref name="history"/> in place.</summary>
    public static bool IsOutlier(long value, Span<long> history, decimal threshold, out decimal? score)
    {
        history.Sort();
        return Judge(value, history, threshold, out score);
    }

    private static bool Judge(long value, ReadOnlySpan<long> sorted, decimal threshold, out decimal? score)
    {
        score = Of(value, sorted, out var medianTimesTwo);
        return score is { } z ? Math.Abs(z) > threshold : 2 * value != medianTimesTwo;
    }

    /// <param name="sorted">The history, in order.</param>
    private static decimal? Of(long value, ReadOnlySpan<long> sorted, out long medianTimesTwo)
    {
        medianTimesTwo = MedianTimesTwo(sorted);
        var madTimesFour = MadTimesFour(sorted, medianTimesTwo);
        if (madTimesFour != 0)
        {
            return 0.6745m * ((4 * value) - (2 * medianTimesTwo)) / madTimesFour;
        }

        // MAD 0: more than half the history is one value. Rare, so in decimals as written.
        var median = medianTimesTwo / 2m;
        decimal sum = 0;
        foreach (var v in sorted)
        {
            sum += Math.Abs(v - median);
        }

        var meanAd = sum / sorted.Length;
        return meanAd == 0 ? null : (value - median) / (1.253314m * meanAd);
    }

    private static Span<long> CopyOf(IReadOnlyList<long> values, Span<long> buffer)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("The median of nothing is undefined.", nameof(values));
        }

        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = values[i];
        }

        buffer.Sort();
        return buffer;
    }

    /// <summary>Twice the median of values already in order: the middle one doubled, or the middle two added.</summary>
    private static long MedianTimesTwo(ReadOnlySpan<long> sorted)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("The median of nothing is undefined.", nameof(sorted));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? 2 * sorted[middle] : sorted[middle - 1] + sorted[middle];
    }

    /// <summary>Four times the MAD: twice the median of the doubled deviations |2v − 2 median|.</summary>
    private static long MadTimesFour(ReadOnlySpan<long> sorted, long medianTimesTwo)
    {
        Span<long> deviations = sorted.Length <= OnStack ? stackalloc long[sorted.Length] : new long[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            deviations[i] = Math.Abs((2 * sorted[i]) - medianTimesTwo);
        }

        deviations.Sort();
        return MedianTimesTwo(deviations);
    }
}
