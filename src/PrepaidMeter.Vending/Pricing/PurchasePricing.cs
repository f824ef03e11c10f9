using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Pricing;

/// <summary>A priced purchase: what goes on the card (credit, in the group's unit) and what the customer pays.</summary>
internal readonly record struct PricedPurchase(CreditAmount Credit, Energy Energy, Money Money, Money ArrearsCollected, long? PriceVersionId, UnitPrice MarginalPrice);

/// <summary>The price in force for an account at a moment, and what tiered prices need: the energy sold to it this month.</summary>
internal readonly record struct PriceFacts(long VersionId, Tariff Tariff, DateTimeOffset At, Energy UsedThisMonth);

/// <summary>
/// Turns a request into a priced purchase, from the facts alone (no database): arrears are collected first
/// (restricted purchase, 限制购电) — from a money payment before any energy is bought, on top of an energy
/// purchase; tiered prices count the energy already sold this month.
/// </summary>
internal static class PurchasePricing
{
    public static VendResult<PricedPurchase> Price(PriceFacts facts, CreditUnit unit, PurchaseRequest request, Money arrears)
    {
        // A tariff prices kWh; what follows converts to energy or money credit only. SalePricing refuses a volume group
        // naming it before it gets here; this keeps m³ from ever being priced as either.
        if (unit is not (CreditUnit.Energy or CreditUnit.Money))
        {
            return new Refusal(RefusalReason.VolumeNotSold, $"credit in {unit.Name()} has no price before issue 25's next step (water prices per meter type)");
        }

        if (request.Energy is { Hundredths: <= 0 } || request.Money is { Hundredths: <= 0 } || request is { Energy: null, Money: null })
        {
            return Refuse.Invalid($"a purchase must be more than zero, not {request}");
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
            var collected = Money.Min(paid, arrears);
            var rest = paid - collected;
            if (rest.Hundredths <= 0)
            {
                return Refuse.Invalid($"the payment of {paid} only covers the arrears of {arrears}; take at least {arrears + Money.FromHundredths(1)}");
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
}
