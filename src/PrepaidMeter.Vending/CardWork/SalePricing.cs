using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Services;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.CardWork;

/// <summary>A priced purchase: what goes on the card (credit, in the group's unit) and what the customer pays.</summary>
internal readonly record struct PricedPurchase(long Credit, Energy Energy, Money Money, Money ArrearsCollected, long? PriceVersionId, UnitPrice MarginalPrice);

/// <summary>
/// Turns a request into a priced purchase at the price in force now. Arrears are collected first
/// (restricted purchase, 限制购电): from a money payment before any energy is bought, on top of an
/// energy purchase. Tiered prices count the energy already sold to the account this month.
/// </summary>
internal static class SalePricing
{
    public static VendResult<PricedPurchase> Price(WriteScope scope, GroupRow group, AccountRow account, PurchaseRequest request, long arrearsHundredths)
    {
        if (request.Energy is { Hundredths: <= 0 } || request.Money is { Hundredths: <= 0 } || request is { Energy: null, Money: null })
        {
            return Refuse.Invalid($"a purchase must be more than zero, not {request}");
        }

        if (PriceService.InForce(scope.Connection, scope.Transaction, account.PriceTypeId, scope.Now) is not { } inForce)
        {
            return Refuse.NotFound($"price type {account.PriceTypeId} has no price in force at {OperationLog.Stamp(scope.Now)}");
        }

        var (versionId, tariff) = inForce;
        // Only tiered prices count this month's energy; the sum is a range read on sales_by_account_time.
        var used = tariff.CountsUsage ? UsedThisMonth(scope, account.Id) : Energy.Zero;
        var arrears = Money.FromHundredths(arrearsHundredths);
        var marginal = tariff.MarginalPrice(scope.Now, used);
        try
        {
            if (request.Energy is { } energy)
            {
                var cost = tariff.Price(energy, scope.Now, used);
                var credit = group.Unit == CreditUnit.Energy ? energy.Hundredths : cost.Hundredths;
                return new PricedPurchase(credit, energy, cost + arrears, arrears, versionId, marginal);
            }

            var paid = request.Money!.Value;
            var collected = Money.Min(paid, arrears);
            var rest = paid - collected;
            if (rest.Hundredths <= 0)
            {
                return Refuse.Invalid($"the payment of {paid} only covers the arrears of {arrears}; take at least {arrears + Money.FromHundredths(1)}");
            }

            var bought = tariff.EnergyFor(rest, scope.Now, used);
            if (group.Unit == CreditUnit.Money)
            {
                return new PricedPurchase(rest.Hundredths, bought, paid, collected, versionId, marginal);
            }

            if (bought.Hundredths <= 0)
            {
                return Refuse.Invalid($"{rest} buys no energy at {marginal} per kWh");
            }

            // An energy meter gets whole hundredths of a kWh; the customer pays their exact price, the change goes back.
            return new PricedPurchase(bought.Hundredths, bought, tariff.Price(bought, scope.Now, used) + collected, collected, versionId, marginal);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return Refuse.Invalid($"{request} is too large to price");
        }
    }

    private static Energy UsedThisMonth(WriteScope scope, long accountId)
    {
        var start = new DateTimeOffset(scope.Now.Year, scope.Now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var sum = scope.Connection.ExecuteScalar<long?>(
            "SELECT SUM(energy) FROM sales WHERE account_id = @accountId AND status = 'committed' AND created_at >= @start",
            new { accountId, start = OperationLog.Stamp(start) }, scope.Transaction) ?? 0;
        return Energy.FromHundredths(sum);
    }
}
