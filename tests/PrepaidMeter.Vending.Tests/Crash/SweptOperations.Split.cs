using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>A sale on an account whose energy is split (用电比例): its shares are written pending with it and stand or go with it.</summary>
internal static partial class SweptOperations
{
    private static SweptOperation SplitSale => new(
        "split sale",
        Arrange: async (bench, previous) =>
        {
            var s = previous ?? await bench.NewAccountAsync();
            if (bench.Scalar<long>("SELECT COUNT(*) FROM account_splits WHERE account_id = @AccountId", new { s.AccountId }) == 0)
            {
                bench.Counter.SplitEnergy(s.AccountId);
            }

            s.Target = s.UserCard;
            bench.Insert(s.UserCard);
            s.Before = PurchaseCount(bench, s);
            return s;
        },
        Act: async (office, bench, _, reader) => (await office.Sales.SellAsync(bench.Admin, reader, Counter.Kwh(7))).Refusal,
        // Stood: the sale and its two shares (4.20 kWh residential, 2.80 commercial); undone: no share is left without its sale.
        BooksSayItStood: (bench, s) => PurchaseCount(bench, s) == s.Before + 1
            && bench.Scalar<long>(
                """
                SELECT COUNT(*) FROM sale_shares x JOIN sales v ON v.id = x.sale_id
                WHERE v.account_id = @AccountId AND v.purchase_count = @count AND v.status = 'committed' AND x.energy IN (420, 280)
                """, new { s.AccountId, count = s.Before + 1 }) == 2,
        AtTheMeter: (bench, s, stood) =>
        {
            bench.Scalar<long>("SELECT COUNT(*) FROM sale_shares x LEFT JOIN sales v ON v.id = x.sale_id WHERE v.id IS NULL OR v.status = 'pending'").ShouldBe(0);
            bench.Swipe(s.UserCard, s.Meter).ShouldBe(stood ? MeterResult.Loaded : MeterResult.AlreadyLoaded);
        })
    {
        SinceRecords = true,
    };
}
