namespace PrepaidMeter.Core.Pricing;

/// <summary>
/// A rule that prices energy. Every tariff first computes an exact amount in micro-units
/// (hundredths of a kWh × ten-thousandths per kWh = millionths of the currency unit) and rounds
/// once, half away from zero, to the hundredth — so a composite price is not rounded item by item.
/// </summary>
public abstract class Tariff
{
    private protected Tariff()
    {
    }

    /// <summary>
    /// The price of <paramref name="energy"/> bought or consumed at <paramref name="at"/>, when
    /// <paramref name="usedInPeriod"/> has already been used in the billing period (tiered blocks).
    /// </summary>
    public Money Price(Energy energy, DateTimeOffset at, Energy usedInPeriod = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(energy, Energy.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(usedInPeriod, Energy.Zero);
        return Money.FromHundredths(MicrosToHundredths(PriceMicros(energy.Hundredths, at, usedInPeriod.Hundredths)));
    }

    /// <summary>
    /// The most energy that <paramref name="money"/> buys at <paramref name="at"/>: the largest amount
    /// whose <see cref="Price"/> does not exceed it. The buyer never pays for energy not received.
    /// </summary>
    public Energy EnergyFor(Money money, DateTimeOffset at, Energy usedInPeriod = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(money, Money.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(usedInPeriod, Energy.Zero);

        // Price is monotone in energy, so the doubling-then-halving search finds the most it buys in a few dozen evaluations.
        return Energy.FromHundredths(Affordable.Most(
            hundredths => MicrosToHundredths(PriceMicros(hundredths, at, usedInPeriod.Hundredths)) <= money.Hundredths, Energy.MaxHundredths));
    }

    /// <summary>The price of the next kWh at this moment and position in the period.</summary>
    public abstract UnitPrice MarginalPrice(DateTimeOffset at, Energy usedInPeriod = default);

    /// <summary>
    /// Whether the price depends on the energy already used in the period (tiered blocks). When false, a
    /// seller need not look up what the customer bought this month.
    /// </summary>
    public virtual bool CountsUsage => false;

    /// <summary>The next moment after <paramref name="at"/> at which the price can change by time alone, if any.</summary>
    public abstract DateTimeOffset? NextChangeAfter(DateTimeOffset at);

    /// <summary>The exact price in millionths of the currency unit.</summary>
    internal abstract Int128 PriceMicros(long energyHundredths, DateTimeOffset at, long usedHundredths);

    /// <summary>Rounds millionths of the currency unit to hundredths, half away from zero: the one rounding every price gets.</summary>
    public static long MicrosToHundredths(long micros) =>
        micros < 0 ? (micros - 5_000) / 10_000 : (micros + 5_000) / 10_000;

    public static long MicrosToHundredths(Int128 micros)
    {
        // 1 hundredth = 10,000 micros; half away from zero.
        var rounded = Int128.IsNegative(micros) ? (micros - 5_000) / 10_000 : (micros + 5_000) / 10_000;
        return checked((long)rounded);
    }
}
