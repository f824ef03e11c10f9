namespace PrepaidMeter.Core.Pricing;

/// <summary>
/// One block of a tiered tariff: energy used in the billing period up to <paramref name="UpTo"/>
/// (exclusive; null for the last, open block) costs <paramref name="Rate"/>.
/// </summary>
public sealed record TierBlock(Energy? UpTo, UnitPrice Rate);

/// <summary>
/// Prices by blocks of cumulative use in a billing period (阶梯电价): the first N kWh at one rate,
/// the next at a higher one. An amount that straddles a boundary is split across the blocks.
/// </summary>
public sealed class TieredTariff : Tariff
{
    private readonly TierBlock[] _blocks;

    /// <exception cref="ArgumentException">Bounds not strictly rising, or the last block is not open.</exception>
    public TieredTariff(IEnumerable<TierBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        _blocks = [.. blocks];
        if (_blocks.Length == 0 || _blocks[^1].UpTo is not null)
        {
            throw new ArgumentException("A tiered tariff needs blocks ending with an open one (no upper bound).", nameof(blocks));
        }

        var previous = Energy.Zero;
        for (var i = 0; i < _blocks.Length - 1; i++)
        {
            var bound = _blocks[i].UpTo ?? throw new ArgumentException($"Only the last block may be open; block {i + 1} is.", nameof(blocks));
            if (bound <= previous)
            {
                throw new ArgumentException($"Block {i + 1} ends at {bound}, not above the block before it ({previous}).", nameof(blocks));
            }

            previous = bound;
        }
    }

    public IReadOnlyList<TierBlock> Blocks => _blocks;

    public override bool CountsUsage => true;

    public override UnitPrice MarginalPrice(DateTimeOffset at, Energy usedInPeriod = default)
    {
        foreach (var block in _blocks)
        {
            if (block.UpTo is not { } bound || usedInPeriod < bound)
            {
                return block.Rate;
            }
        }

        return _blocks[^1].Rate;
    }

    /// <summary>Tiers change with use, not with time.</summary>
    public override DateTimeOffset? NextChangeAfter(DateTimeOffset at) => null;

    internal override Int128 PriceMicros(long energyHundredths, DateTimeOffset at, long usedHundredths)
    {
        Int128 total = 0;
        var position = usedHundredths;
        var remaining = energyHundredths;
        foreach (var block in _blocks)
        {
            if (remaining == 0)
            {
                break;
            }

            var bound = block.UpTo?.Hundredths ?? long.MaxValue;
            if (position >= bound)
            {
                continue;
            }

            var inBlock = Math.Min(remaining, bound - position);
            total += (Int128)inBlock * block.Rate.TenThousandths;
            position += inBlock;
            remaining -= inBlock;
        }

        return total;
    }
}
