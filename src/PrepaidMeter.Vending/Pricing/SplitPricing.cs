using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Pricing;

/// <summary>One share of a split as pricing sees it: its part (basis points, hundredths of a percent) and the price its type has in force.</summary>
internal readonly record struct ShareFacts(int Position, long CustomerId, long PriceTypeId, int BasisPoints, PriceFacts Price);

/// <summary>A share of a priced purchase: its kWh and what they cost at its price type.</summary>
internal readonly record struct PricedShare(int Position, long CustomerId, long PriceTypeId, long PriceVersionId, int BasisPoints, Energy Energy, Money Money);

/// <summary>
/// Prices a purchase on a meter whose energy is split among sharers (用电比例, docs/vending.md "Proportion of energy
/// consuming"), from the facts alone. The kWh are divided by the largest-remainder method in hundredths (every share within
/// a hundredth of its exact part, the parts summing to the whole); each share is priced at its own type, its own tiers
/// counting its own kWh this month, and rounded on its own; the purchase costs the sum. A payment in money buys the most
/// kWh whose split costs no more than it, arrears collected first, as an unsplit purchase does.
/// </summary>
internal static class SplitPricing
{
    public const int WholeInBasisPoints = 10_000;

    /// <summary>
    /// <paramref name="hundredths"/> divided in proportion to <paramref name="basisPoints"/> (which sum to 10 000): each part
    /// the floor of its exact share, the hundredths left over going one each to the largest remainders, the earlier share first on a tie.
    /// </summary>
    public static long[] Divide(long hundredths, IReadOnlyList<int> basisPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hundredths);
        ArgumentNullException.ThrowIfNull(basisPoints);
        if (basisPoints.Sum() != WholeInBasisPoints || basisPoints.Any(b => b <= 0))
        {
            throw new ArgumentException($"A split's parts are positive and sum to {WholeInBasisPoints} basis points, not {string.Join('+', basisPoints)}.", nameof(basisPoints));
        }

        var parts = new long[basisPoints.Count];
        var remainders = new long[basisPoints.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var exact = (Int128)hundredths * basisPoints[i];
            parts[i] = (long)(exact / WholeInBasisPoints);
            remainders[i] = (long)(exact % WholeInBasisPoints);
        }

        var left = hundredths - parts.Sum();
        foreach (var i in Enumerable.Range(0, parts.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(checked((int)left)))
        {
            parts[i]++;
        }

        return parts;
    }

    public static VendResult<PricedPurchase> Price(IReadOnlyList<ShareFacts> shares, PurchaseRequest request, Money arrears)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (request.Energy is { Hundredths: <= 0 } || request.Money is { Hundredths: <= 0 } || request is { Energy: null, Money: null })
        {
            return request.Volume is { } volume
                ? Refuse.Invalid($"a split meter sells kWh or money, not {volume}")
                : Refuse.Invalid($"a purchase must be more than zero, not {request}");
        }

        var basisPoints = shares.Select(s => s.BasisPoints).ToArray();
        var first = shares[0].Price;
        var marginal = first.Tariff.MarginalPrice(first.At, first.UsedThisMonth);
        try
        {
            if (request.Energy is { } energy)
            {
                var priced = Shares(shares, basisPoints, energy.Hundredths);
                return Purchase(priced, energy, arrears, marginal);
            }

            if (!PurchasePricing.AfterArrears(request.Money!.Value, arrears, out var rest, out var collected, out var onlyArrears))
            {
                return onlyArrears!;
            }

            var bought = MostFor(rest, hundredths => Cost(Shares(shares, basisPoints, hundredths)));
            if (bought <= 0)
            {
                return Refuse.Invalid($"{rest} buys no energy at the split's prices ({marginal} per kWh at the first share's)");
            }

            // An energy meter gets whole hundredths of a kWh; the customer pays the shares' exact prices, the change goes back.
            return Purchase(Shares(shares, basisPoints, bought), Energy.FromHundredths(bought), collected, marginal);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return Refuse.Invalid($"{request} is too large to price");
        }
    }

    private static PricedPurchase Purchase(PricedShare[] shares, Energy energy, Money arrears, Core.Pricing.UnitPrice marginal) =>
        new(CreditAmount.Of(energy), energy, Cost(shares) + arrears, arrears, shares[0].PriceVersionId, marginal) { Shares = shares };

    private static PricedShare[] Shares(IReadOnlyList<ShareFacts> shares, int[] basisPoints, long hundredths)
    {
        var parts = Divide(hundredths, basisPoints);
        return [.. shares.Select((s, i) =>
        {
            var part = Energy.FromHundredths(parts[i]);
            var cost = parts[i] == 0 ? Money.Zero : s.Price.Tariff.Price(part, s.Price.At, s.Price.UsedThisMonth);
            return new PricedShare(s.Position, s.CustomerId, s.PriceTypeId, s.Price.VersionId, s.BasisPoints, part, cost);
        })];
    }

    private static Money Cost(PricedShare[] shares) => shares.Aggregate(Money.Zero, (sum, s) => sum + s.Money);

    /// <summary>
    /// The kWh (hundredths) whose split costs no more than <paramref name="money"/> while one hundredth more costs more, by the same
    /// search <c>Tariff.EnergyFor</c> makes (<see cref="Core.Pricing.Affordable"/>). A split's cost can dip by a rounding as a hundredth
    /// moves between shares of different prices, so this is that boundary, not a global most; a one-share split finds exactly
    /// what the unsplit price does.
    /// </summary>
    private static long MostFor(Money money, Func<long, Money> cost) => Core.Pricing.Affordable.Most(hundredths => cost(hundredths) <= money, Energy.MaxHundredths);
}
