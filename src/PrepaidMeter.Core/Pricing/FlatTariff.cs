namespace PrepaidMeter.Core.Pricing;

/// <summary>One price for every kWh at every hour.</summary>
public sealed class FlatTariff : Tariff
{
    public FlatTariff(UnitPrice price) => Rate = price;

    public UnitPrice Rate { get; }

    public override UnitPrice MarginalPrice(DateTimeOffset at, Energy usedInPeriod = default) => Rate;

    public override DateTimeOffset? NextChangeAfter(DateTimeOffset at) => null;

    internal override Int128 PriceMicros(long energyHundredths, DateTimeOffset at, long usedHundredths) =>
        (Int128)energyHundredths * Rate.TenThousandths;
}
