namespace PrepaidMeter.Core.Pricing;

/// <summary>
/// A tariff as written in JSON (a meter model's "tariff", a back-office price): plain data, read by
/// <see cref="TariffDefinitions"/>. Kinds: "flat" (price), "tiered" (blocks), "time-of-use" (periods)
/// and "composite" (items, each an energy charge or surcharge with its own tariff, or a tax in basis points).
/// </summary>
public sealed class TariffDefinition
{
    public string? Kind { get; set; }

    public string? Price { get; set; }

    public List<TierDefinition>? Blocks { get; set; }

    public List<PeriodDefinition>? Periods { get; set; }

    public List<PriceItemDefinition>? Items { get; set; }
}

public sealed class PeriodDefinition
{
    public string? Name { get; set; }

    /// <summary>"HH:mm", UTC: the period runs until the next period's start.</summary>
    public string? From { get; set; }

    public string? Price { get; set; }
}

public sealed class TierDefinition
{
    /// <summary>kWh used in the month up to which this block applies; absent on the last block.</summary>
    public string? UpTo { get; set; }

    public string? Price { get; set; }
}

public sealed class PriceItemDefinition
{
    public string? Name { get; set; }

    /// <summary>"energy", "surcharge" or "tax".</summary>
    public string? Kind { get; set; }

    public TariffDefinition? Tariff { get; set; }

    public int? BasisPoints { get; set; }
}
