using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Pricing;

/// <summary>Prices a purchase for an account inside a write: reads the price in force and this month's energy, then <see cref="PurchasePricing"/>.</summary>
internal static class SalePricing
{
    public static VendResult<PricedPurchase> Price(WriteScope scope, GroupRow group, AccountRow account, PurchaseRequest request, Money arrears)
    {
        if (PriceService.InForce(scope.Connection, scope.Transaction, account.PriceTypeId, scope.Now) is not { } inForce)
        {
            return Refuse.NotFound($"price type {account.PriceTypeId} has no price in force at {OperationLog.Stamp(scope.Now)}");
        }

        // Only tiered prices count this month's energy; the sum is a range read on sales_by_account_time.
        var used = inForce.Tariff.CountsUsage ? UsedThisMonth(scope, account.Id) : Energy.Zero;
        var facts = new PriceFacts(inForce.VersionId, inForce.Tariff, scope.Now, used);
        return PurchasePricing.Price(facts, group.Unit, request, arrears);
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
