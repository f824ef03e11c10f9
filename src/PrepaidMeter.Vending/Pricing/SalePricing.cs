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
        // An account read with its card knows whether it was ever split: one that never was needs no look.
        var neverSplit = account is AccountOnCard { LatestSplit: null };
        if (!neverSplit && await SplitInForce(scope, account.Id, io) is { } split)
        {
            return await PriceSplit(scope, group, account, split, request, arrears, io);
        }

        var priceTypeId = await TypeInForce(scope, account, io);
        if (await PriceService.InForce(scope.Connection, scope.Transaction, priceTypeId, scope.Now, io) is not { } inForce)
        {
            return Refuse.NotFound($"price type {priceTypeId} has no price in force at {OperationLog.Stamp(scope.Now)}");
        }

        // Only tiered prices count this month's quantity; the sum is a range read on sales_by_account_time. A water or
        // gas sale's quantity is its credit (m³); an electricity sale's is its energy, whatever its credit unit.
        var volume = group.Unit == CreditUnit.Volume;
        var used = inForce.Tariff.CountsUsage ? await UsedThisMonth(scope, account, priceTypeId, volume ? "credit" : "energy", io) : 0;
        var facts = volume
            ? new PriceFacts(inForce.VersionId, inForce.Tariff, scope.Now, Energy.Zero) { VolumeUsedThisMonth = Volume.FromHundredths(used) }
            : new PriceFacts(inForce.VersionId, inForce.Tariff, scope.Now, Energy.FromHundredths(used));
        return PurchasePricing.Price(facts, group.Unit, request, arrears);
    }

    /// <summary>
    /// A purchase on an account whose energy is split (用电比例): each share at its own type's price in force, its tiers counting
    /// the kWh its sharer was sold on the account this month; the account's own type (and power type changes) do not apply meanwhile.
    /// </summary>
    private static async ValueTask<VendResult<PricedPurchase>> PriceSplit(
        WriteScope scope, GroupRow group, AccountRow account, (long Id, IReadOnlyList<SplitShareRow> Shares) split, PurchaseRequest request, Money arrears, Io io)
    {
        if (group.CreditUnit != "energy")
        {
            return Refuse.Conflict($"account {account.Id}'s energy is split, but its group {group.Code} credits {group.CreditUnit}: a split prices kWh at the counter — end the split");
        }

        var facts = new List<ShareFacts>();
        foreach (var share in split.Shares)
        {
            if (await PriceService.InForce(scope.Connection, scope.Transaction, share.PriceTypeId, scope.Now, io) is not { } inForce)
            {
                return Refuse.NotFound($"price type {share.PriceTypeId} of share {share.Position + 1} has no price in force at {OperationLog.Stamp(scope.Now)}");
            }

            var used = inForce.Tariff.CountsUsage ? await ShareUsedThisMonth(scope, account.Id, share, io) : 0;
            facts.Add(new ShareFacts(share.Position, share.CustomerId, share.PriceTypeId, share.BasisPoints,
                new PriceFacts(inForce.VersionId, inForce.Tariff, scope.Now, Energy.FromHundredths(used))));
        }

        return SplitPricing.Price(facts, request, arrears).Then<PricedPurchase>(priced => priced with { SplitId = split.Id });
    }

    /// <summary>The split in force on the account: its latest change, when that change has shares (one with none ended the split).</summary>
    internal static async ValueTask<(long Id, IReadOnlyList<SplitShareRow> Shares)?> SplitInForce(WriteScope scope, long accountId, Io io)
    {
        var latest = await io.Scalar<long?>(scope.Connection, "SELECT MAX(id) FROM account_splits WHERE account_id = @accountId", new { accountId }, scope.Transaction);
        if (latest is not { } id)
        {
            return null;
        }

        var shares = (await io.Query<SplitShareRow>(scope.Connection,
            "SELECT position, customer_id, price_type_id, basis_points FROM split_shares WHERE split_id = @id ORDER BY position", new { id }, scope.Transaction)).ToList();
        return shares.Count == 0 ? null : (id, shares);
    }

    private static async ValueTask<long> ShareUsedThisMonth(WriteScope scope, long accountId, SplitShareRow share, Io io)
    {
        var start = new DateTimeOffset(scope.Now.Year, scope.Now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return await io.Scalar<long?>(scope.Connection,
            """
            SELECT SUM(x.energy) FROM sale_shares x JOIN sales s ON s.id = x.sale_id
            WHERE s.account_id = @accountId AND s.status = 'committed' AND s.created_at >= @start AND x.customer_id = @CustomerId AND x.price_type_id = @PriceTypeId
            """,
            new { accountId, start = OperationLog.Stamp(start), share.CustomerId, share.PriceTypeId }, scope.Transaction) ?? 0;
    }

    /// <summary>
    /// The account's price type at the scope's time: the type of its latest power type change in force then (the latest
    /// effective date on or before it, the later recorded of one day), else the account's own (a change in force when it is recorded is written there too).
    /// </summary>
    private static async ValueTask<long> TypeInForce(WriteScope scope, AccountRow account, Io io) =>
        await io.Scalar<long?>(scope.Connection,
            "SELECT price_type_id FROM power_type_changes WHERE account_id = @Id AND effective_from <= @at ORDER BY effective_from DESC, id DESC LIMIT 1",
            new { account.Id, at = scope.Stamp }, scope.Transaction) ?? account.PriceTypeId;

    /// <summary>
    /// Hundredths of the account's quantity (the <paramref name="column"/> summed) sold since the month began; of a sale made while its
    /// energy was split, only the account holder's own share at <paramref name="priceTypeId"/> — the other shares' kWh were other
    /// customers' or another type's (docs/vending.md, "Proportion of energy consuming", E4).
    /// </summary>
    private static async ValueTask<long> UsedThisMonth(WriteScope scope, AccountRow account, long priceTypeId, string column, Io io)
    {
        var start = new DateTimeOffset(scope.Now.Year, scope.Now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return await io.Scalar<long?>(scope.Connection,
            $"""
            SELECT COALESCE((SELECT SUM({column}) FROM sales WHERE account_id = @accountId AND status = 'committed' AND created_at >= @start), 0)
                 - COALESCE((SELECT SUM(x.energy) FROM sale_shares x JOIN sales s ON s.id = x.sale_id
                             WHERE s.account_id = @accountId AND s.status = 'committed' AND s.created_at >= @start
                             AND NOT (x.customer_id = @customerId AND x.price_type_id = @priceTypeId)), 0)
            """,
            new { accountId = account.Id, start = OperationLog.Stamp(start), customerId = account.CustomerId, priceTypeId }, scope.Transaction) ?? 0;
    }
}
