using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Pricing;

/// <summary>
/// A priced purchase: what goes on the card (credit, in the group's unit) and what the customer pays. <see cref="Energy"/>
/// is the kWh sold (what electricity's tiers and reports count); a water or gas sale sells m³, which is its credit, and no energy.
/// </summary>
internal readonly record struct PricedPurchase(CreditAmount Credit, Energy Energy, Money Money, Money ArrearsCollected, long? PriceVersionId, UnitPrice MarginalPrice)
{
    /// <summary>Each sharer's part when the account's energy is split (<see cref="SplitPricing"/>); null when it is not.</summary>
    public IReadOnlyList<PricedShare>? Shares { get; init; }

    /// <summary>The split the shares follow.</summary>
    public long? SplitId { get; init; }
}

/// <summary>The price in force for an account at a moment, and what tiered prices need: the energy sold to it this month.</summary>
internal readonly record struct PriceFacts(long VersionId, Tariff Tariff, DateTimeOffset At, Energy UsedThisMonth)
{
    /// <summary>The m³ sold to a water or gas account this month (its tiers count these, not energy).</summary>
    public Volume VolumeUsedThisMonth { get; init; }
}

/// <summary>
/// Turns a request into a priced purchase, from the facts alone (no database): arrears are collected first
/// (restricted purchase, 限制购电) — from a money payment before any energy is bought, on top of an energy
/// purchase; tiered prices count the energy already sold this month.
/// </summary>
internal static class PurchasePricing
{
    public static VendResult<PricedPurchase> Price(PriceFacts facts, CreditUnit unit, PurchaseRequest request, Money arrears)
    {
        if (request.Energy is { Hundredths: <= 0 } || request.Money is { Hundredths: <= 0 } || request.Volume is { Hundredths: <= 0 }
            || request is { Energy: null, Money: null, Volume: null })
        {
            return Refuse.Invalid($"a purchase must be more than zero, not {request}");
        }

        if ((request.Energy is null ? 0 : 1) + (request.Money is null ? 0 : 1) + (request.Volume is null ? 0 : 1) > 1)
        {
            throw new ArgumentException($"A purchase is of energy, volume or money, not of two: {request.Energy}, {request.Volume}, {request.Money}.", nameof(request));
        }

        if (unit == CreditUnit.Volume)
        {
            return VolumePricing.Price(facts, request, arrears);
        }

        if (request.Volume is { } volume)
        {
            return Refuse.Invalid($"an electricity group sells kWh or money, not {volume}");
        }

        var (versionId, tariff, at, used) = facts;
        var marginal = tariff.MarginalPrice(at, used);
        try
        {
            if (request.Energy is { } energy)
            {
                var cost = tariff.Price(energy, at, used);
                var credit = unit == CreditUnit.Energy ? CreditAmount.Of(energy) : CreditAmount.Of(cost);
                return new PricedPurchase(credit, energy, cost + arrears, arrears, versionId, marginal);
            }

            var paid = request.Money!.Value;
            if (!AfterArrears(paid, arrears, out var rest, out var collected, out var onlyArrears))
            {
                return onlyArrears!;
            }

            var bought = tariff.EnergyFor(rest, at, used);
            if (unit == CreditUnit.Money)
            {
                return new PricedPurchase(CreditAmount.Of(rest), bought, paid, collected, versionId, marginal);
            }

            if (bought.Hundredths <= 0)
            {
                return Refuse.Invalid($"{rest} buys no energy at {marginal} per kWh");
            }

            // An energy meter gets whole hundredths of a kWh; the customer pays their exact price, the change goes back.
            return new PricedPurchase(CreditAmount.Of(bought), bought, tariff.Price(bought, at, used) + collected, collected, versionId, marginal);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return Refuse.Invalid($"{request} is too large to price");
        }
    }

    /// <summary>
    /// A money payment, arrears collected first (限制购电): what is left to buy with, and what was collected; false with the
    /// refusal when the payment covers no more than the arrears. Every face — kWh, money, m³ — takes a payment this way.
    /// </summary>
    internal static bool AfterArrears(Money paid, Money arrears, out Money rest, out Money collected, out Refusal? refusal)
    {
        collected = Money.Min(paid, arrears);
        rest = paid - collected;
        refusal = rest.Hundredths > 0 ? null
            : Refuse.Invalid($"the payment of {paid} only covers the arrears of {arrears}; take at least {arrears + Money.FromHundredths(1)}");
        return refusal is null;
    }
}
