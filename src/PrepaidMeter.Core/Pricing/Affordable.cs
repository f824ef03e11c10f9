namespace PrepaidMeter.Core.Pricing;

/// <summary>
/// The search every "what does this money buy" uses: a quantity in hundredths found by doubling, then halving, whose price is within
/// the money while one hundredth more is not. For a price that only grows with the quantity (every tariff) that is the most the
/// money buys; for one that can dip (a split meter's shares rounded apart) it is that boundary.
/// </summary>
public static class Affordable
{
    /// <summary>
    /// The quantity <c>n</c> in [0, <paramref name="max"/>] with <paramref name="within"/>(n) and not <paramref name="within"/>(n + 1), found by
    /// a few dozen evaluations (0 is taken as within); <paramref name="max"/> itself when even that is within.
    /// </summary>
    public static long Most(Func<long, bool> within, long max)
    {
        ArgumentNullException.ThrowIfNull(within);
        long low = 0;
        long high = 1;
        while (high < max && within(high))
        {
            low = high;
            high = Math.Min(high * 2, max);
        }

        if (high == max && within(high))
        {
            return max;
        }

        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (within(middle))
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
