using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>The administrators' error-tolerance functions: an error-tolerance sale, a card reset for selling.</summary>
internal static partial class SweptOperations
{
    // The meter loaded the card's last purchase from a copy, so the card itself has no return-write for it; sold unverified
    // (no reading in the books). 7 kWh: the amount changes each case, so its bytes are among those swept.
    private static SweptOperation ToleranceSale => new(
        "error-tolerance sale",
        Arrange: async (bench, previous) =>
        {
            var s = previous ?? await bench.NewAccountAsync();
            bench.Insert(s.UserCard);
            (await bench.Office.Sales.SellAsync(bench.Admin, bench.Counter.Reader, Counter.Kwh(3))).Refusal.ShouldBeNull();
            bench.Swipe(Counter.CopyOf(s.UserCard), s.Meter).ShouldBe(MeterResult.Loaded);
            s.Target = s.UserCard;
            bench.Insert(s.UserCard);
            s.Before = PurchaseCount(bench, s);
            return s;
        },
        Act: async (office, bench, _, reader) => (await office.Tolerance.SellAsync(bench.Admin, reader, Counter.Kwh(7), "no return-write", unverified: true)).Refusal,
        BooksSayItStood: (bench, s) => PurchaseCount(bench, s) == s.Before + 1
            && bench.Scalar<long>("SELECT COUNT(*) FROM tolerance_uses t JOIN sales x ON x.id = t.sale_id WHERE t.account_id = @AccountId AND x.purchase_count = @count",
                new { s.AccountId, count = s.Before + 1 }) == 1,
        // Undone, the card holds the purchase the meter took from the copy: it gets its return-write and loads nothing.
        AtTheMeter: (bench, s, stood) => bench.Swipe(s.UserCard, s.Meter).ShouldBe(stood ? MeterResult.Loaded : MeterResult.AlreadyLoaded))
    {
        SinceRecords = true,
    };

    // The account's card, its last purchase loaded, with a byte of its purchase area changed: it decodes no more until reset.
    private static SweptOperation CardReset => new(
        "card reset",
        Arrange: async (bench, previous) =>
        {
            var s = previous ?? await bench.NewAccountAsync();
            Counter.Damage(s.UserCard);
            s.Target = s.UserCard;
            bench.Insert(s.UserCard);
            s.Before = Resets(bench, s);
            return s;
        },
        Act: async (office, bench, s, reader) => (await office.Tolerance.ResetAsync(bench.Admin, reader, s.AccountId, "purchase area torn")).Refusal,
        BooksSayItStood: (bench, s) => Resets(bench, s) == s.Before + 1,
        AtTheMeter: (bench, s, stood) => bench.Swipe(s.UserCard, s.Meter).ShouldBe(stood ? MeterResult.AlreadyLoaded : MeterResult.BadCard),
        FollowUp: async (bench, s, stood) =>
        {
            if (!stood)
            {
                // Undone means the card is still damaged: the reset runs again and the meter, which has the purchase, loads nothing.
                bench.Insert(s.UserCard);
                (await bench.Office.Tolerance.ResetAsync(bench.Admin, bench.Counter.Reader, s.AccountId, "purchase area torn")).Refusal.ShouldBeNull();
                bench.Swipe(s.UserCard, s.Meter).ShouldBe(MeterResult.AlreadyLoaded);
            }

            await bench.SellAndLoadAsync(s);
        })
    {
        SinceRecords = true,
    };

    private static long Resets(Bench bench, Subject subject) =>
        bench.Scalar<long>("SELECT COUNT(*) FROM tolerance_uses WHERE kind = 'reset' AND account_id = @AccountId", new { subject.AccountId });
}
