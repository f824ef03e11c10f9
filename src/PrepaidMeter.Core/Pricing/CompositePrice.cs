namespace PrepaidMeter.Core.Pricing;

/// <summary>What a sub-item of a composite price stands for on a receipt.</summary>
public enum PriceItemKind
{
    /// <summary>The energy charge itself.</summary>
    Energy,

    /// <summary>A per-kWh levy: a fund, a surcharge for the grid or for renewables.</summary>
    Surcharge,

    /// <summary>A percentage of the per-kWh items, in basis points.</summary>
    Tax,
}

/// <summary>
/// A sub-item of a composite price: a per-kWh tariff (energy, surcharge) or a tax rate in basis points
/// (1/100 of a percent) of the per-kWh subtotal.
/// </summary>
public sealed record PriceItem
{
    private PriceItem(string name, PriceItemKind kind, Tariff? tariff, int basisPoints)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
        Tariff = tariff;
        BasisPoints = basisPoints;
    }

    public string Name { get; }

    public PriceItemKind Kind { get; }

    /// <summary>The per-kWh rule; null for a tax.</summary>
    public Tariff? Tariff { get; }

    public int BasisPoints { get; }

    public static PriceItem EnergyCharge(string name, Tariff tariff) => new(name, PriceItemKind.Energy, tariff ?? throw new ArgumentNullException(nameof(tariff)), 0);

    public static PriceItem Surcharge(string name, Tariff tariff) => new(name, PriceItemKind.Surcharge, tariff ?? throw new ArgumentNullException(nameof(tariff)), 0);

    /// <exception cref="ArgumentOutOfRangeException">Negative or above 100%.</exception>
    public static PriceItem Tax(string name, int basisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(basisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(basisPoints, 10_000);
        return new(name, PriceItemKind.Tax, null, basisPoints);
    }
}

/// <summary>
/// A comprehensive price composed of sub-items (综合电价): energy charge plus surcharges, each
/// possibly tiered or time-of-use, plus taxes on their sum. Rounded once, on the total.
/// </summary>
public sealed class CompositePrice : Tariff
{
    private readonly PriceItem[] _items;

    /// <exception cref="ArgumentException">No energy charge among the items.</exception>
    public CompositePrice(IEnumerable<PriceItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
        if (!_items.Any(i => i.Kind == PriceItemKind.Energy))
        {
            throw new ArgumentException("A composite price needs an energy charge among its items.", nameof(items));
        }
    }

    public IReadOnlyList<PriceItem> Items => _items;

    public override bool CountsUsage => _items.Any(i => i.Tariff?.CountsUsage == true);

    public override UnitPrice MarginalPrice(DateTimeOffset at, Energy usedInPeriod = default)
    {
        long perKwh = 0;
        foreach (var item in _items)
        {
            perKwh += item.Tariff?.MarginalPrice(at, usedInPeriod).TenThousandths ?? 0;
        }

        return UnitPrice.FromTenThousandths(perKwh + TaxOn(perKwh));
    }

    public override DateTimeOffset? NextChangeAfter(DateTimeOffset at)
    {
        DateTimeOffset? next = null;
        foreach (var item in _items)
        {
            if (item.Tariff?.NextChangeAfter(at) is { } change && (next is null || change < next))
            {
                next = change;
            }
        }

        return next;
    }

    /// <summary>The price of each sub-item, for an itemised receipt; the items add up to at most a hundredth per item off <see cref="Tariff.Price"/>.</summary>
    public IReadOnlyList<(PriceItem Item, Money Amount)> Itemise(Energy energy, DateTimeOffset at, Energy usedInPeriod = default)
    {
        var subtotal = PerKwhMicros(energy.Hundredths, at, usedInPeriod.Hundredths);
        return [.. _items.Select(item => (item, Money.FromHundredths(MicrosToHundredths(item.Tariff is { } tariff
            ? tariff.PriceMicros(energy.Hundredths, at, usedInPeriod.Hundredths)
            : TaxOn(subtotal, item.BasisPoints)))))];
    }

    internal override Int128 PriceMicros(long energyHundredths, DateTimeOffset at, long usedHundredths)
    {
        var subtotal = PerKwhMicros(energyHundredths, at, usedHundredths);
        return subtotal + TaxOn(subtotal);
    }

    private Int128 PerKwhMicros(long energyHundredths, DateTimeOffset at, long usedHundredths)
    {
        Int128 subtotal = 0;
        foreach (var item in _items)
        {
            if (item.Tariff is { } tariff)
            {
                subtotal += tariff.PriceMicros(energyHundredths, at, usedHundredths);
            }
        }

        return subtotal;
    }

    private long TaxOn(long perKwhTenThousandths) => (long)TaxOn((Int128)perKwhTenThousandths);

    private Int128 TaxOn(Int128 subtotal)
    {
        Int128 tax = 0;
        foreach (var item in _items)
        {
            if (item.Kind == PriceItemKind.Tax)
            {
                tax += TaxOn(subtotal, item.BasisPoints);
            }
        }

        return tax;
    }

    // Tax is rounded half up to the micro-unit, a millionth of the currency: far below what money settles in.
    private static Int128 TaxOn(Int128 subtotal, int basisPoints) => ((subtotal * basisPoints) + 5_000) / 10_000;
}
