using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Pricing;

/// <summary>
/// A water or gas purchase priced (docs/water-gas.md, "Selling water and gas"): by m³ or by money at the group's
/// water or gas price, arrears collected first as for electricity. The credit is the m³ bought; the sale sells no kWh.
/// </summary>
internal static class VolumePricing
{
    public static VendResult<PricedPurchase> Price(PriceFacts facts, PurchaseRequest request, Money arrears)
    {
        if (request.Energy is { } energy)
        {
            return Refuse.Invalid($"a water or gas group sells m³ or money, not {energy}");
        }

        var (versionId, general, at, _) = facts;
        // The price book refuses such a version for a water or gas group; a version corrected by hand is told here.
        var (tariff, problem) = VolumeTariff.Of(general);
        if (tariff is null)
        {
            return Refuse.Invalid($"price version {versionId} is not a water or gas price: {problem}");
        }

        var used = facts.VolumeUsedThisMonth;
        var marginal = tariff.MarginalPrice(at, used);
        try
        {
            if (request.Volume is { } volume)
            {
                var cost = tariff.Price(volume, at, used);
                return new PricedPurchase(CreditAmount.Of(volume), Energy.Zero, cost + arrears, arrears, versionId, marginal);
            }

            if (!PurchasePricing.AfterArrears(request.Money!.Value, arrears, out var rest, out var collected, out var onlyArrears))
            {
                return onlyArrears!;
            }

            var bought = tariff.VolumeFor(rest, at, used);
            if (bought.Hundredths <= 0)
            {
                return Refuse.Invalid($"{rest} buys no water or gas at {marginal} per m³");
            }

            // The card gets whole hundredths of a m³; the customer pays their exact price, the change goes back.
            return new PricedPurchase(CreditAmount.Of(bought), Energy.Zero, tariff.Price(bought, at, used) + collected, collected, versionId, marginal);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return Refuse.Invalid($"{request} is too large to price");
        }
    }
}
