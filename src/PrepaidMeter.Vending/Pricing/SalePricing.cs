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
    public static VendResult<PricedPurchase> Price(WriteScope scope, GroupRow group, AccountRow account, PurchaseRequest request, Money arrears) =>
        Io.Wait(Price(scope, group, account, request, arrears, Io.Sync));

    /// <summary>As <see cref="Price(WriteScope, GroupRow, AccountRow, PurchaseRequest, Money)"/>, the facts read as the scope's operation runs.</summary>
    public static ValueTask<VendResult<PricedPurchase>> PriceAsync(WriteScope scope, GroupRow group, AccountRow account, PurchaseRequest request, Money arrears) =>
        Price(scope, group, account, request, arrears, scope.Io);

    private static async ValueTask<VendResult<PricedPurchase>> Price(WriteScope scope, GroupRow group, AccountRow account, PurchaseRequest request, Money arrears, Io io)
    {
        // Checked before the price is looked up, so a water group is told why rather than that it has no price.
        if (group.Unit == CreditUnit.Volume)
        {
            return Refuse.VolumeNotSold(group.Code, "sell water or correct a sale of it");
        }

        if (await PriceService.InForce(scope.Connection, scope.Transaction, account.PriceTypeId, scope.Now, io) is not { } inForce)
        {
            return Refuse.NotFound($"price type {account.PriceTypeId} has no price in force at {OperationLog.Stamp(scope.Now)}");
        }

        // Only tiered prices count this month's energy; the sum is a range read on sales_by_account_time.
        var used = inForce.Tariff.CountsUsage ? await UsedThisMonth(scope, account.Id, io) : Energy.Zero;
        var facts = new PriceFacts(inForce.VersionId, inForce.Tariff, scope.Now, used);
        return PurchasePricing.Price(facts, group.Unit, request, arrears);
    }

    private static async ValueTask<Energy> UsedThisMonth(WriteScope scope, long accountId, Io io)
    {
        var start = new DateTimeOffset(scope.Now.Year, scope.Now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var sum = await io.Scalar<long?>(scope.Connection,
            "SELECT SUM(energy) FROM sales WHERE account_id = @accountId AND status = 'committed' AND created_at >= @start",
            new { accountId, start = OperationLog.Stamp(start) }, scope.Transaction) ?? 0;
        return Energy.FromHundredths(sum);
    }
}
