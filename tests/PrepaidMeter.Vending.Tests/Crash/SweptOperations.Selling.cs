using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>The operations that sell: opening an account with its first purchase, a sale, a partner payment collected, a correction, a cancel.</summary>
internal static partial class SweptOperations
{
    // A new meter each case: an account is opened on a meter from stock, once.
    private static SweptOperation AccountOpen => new(
        "account open",
        Arrange: async (bench, _) =>
        {
            var meter = await bench.NewMeterAsync();
            var blank = bench.InsertBlank();

            // No account yet: the operation makes it. The blank becomes its card.
            return new Subject { AccountId = 0, Meter = meter, UserCard = blank, Target = blank };
        },
        Act: async (office, bench, s, reader) =>
            (await office.Accounts.OpenAsync(bench.Admin, reader, bench.Counter.Customer, s.Meter, bench.Counter.Residential, Counter.Kwh(10))).Refusal,
        BooksSayItStood: (bench, s) => bench.Scalar<long>(
            "SELECT COUNT(*) FROM accounts a JOIN meters m ON m.id = a.meter_id WHERE m.number = @meter AND a.status = 'open' AND m.status = 'installed'",
            new { meter = s.Meter.ToString() }) == 1,
        AtTheMeter: (bench, s, stood) => bench.Swipe(s.Target, s.Meter).ShouldBe(stood ? MeterResult.Loaded : MeterResult.BlankCard),
        FollowUp: async (bench, s, stood) =>
        {
            if (!stood)
            {
                // Undone means the meter is still in stock and the card still blank: opening again works.
                bench.Insert(s.Target);
                (await bench.Office.Accounts.OpenAsync(bench.Admin, bench.Counter.Reader, bench.Counter.Customer, s.Meter, bench.Counter.Residential, Counter.Kwh(10)))
                    .Refusal.ShouldBeNull();
                bench.Swipe(s.Target, s.Meter).ShouldBe(MeterResult.Loaded);
            }

            await bench.SellAndLoadAsync(s);
        });

    // 7 kWh, not the follow-up sale's 5: the amount on the card changes each case, so its bytes are among those swept.
    private static SweptOperation Sale => new(
        "sale",
        Arrange: async (bench, previous) =>
        {
            var s = previous ?? await bench.NewAccountAsync();
            s.Target = s.UserCard;
            bench.Insert(s.UserCard);
            s.Before = PurchaseCount(bench, s);
            return s;
        },
        Act: async (office, bench, _, reader) => (await office.Sales.SellAsync(bench.Admin, reader, Counter.Kwh(7))).Refusal,
        BooksSayItStood: (bench, s) => PurchaseCount(bench, s) == s.Before + 1,
        AtTheMeter: (bench, s, stood) => bench.Swipe(s.UserCard, s.Meter).ShouldBe(stood ? MeterResult.Loaded : MeterResult.AlreadyLoaded));

    // A sale of what a partner took (SaleService.CollectPaymentsAsync): the same card write, with payments marked applied at commit.
    private static SweptOperation PaymentCollect => new(
        "payment collect",
        Arrange: async (bench, previous) =>
        {
            var s = previous ?? await bench.NewAccountAsync();
            bench.TakePayment(s, $"payment-{bench.NextNumber()}");
            s.Target = s.UserCard;
            bench.Insert(s.UserCard);
            s.Before = PurchaseCount(bench, s);
            return s;
        },
        Act: async (office, bench, _, reader) => (await office.Sales.CollectPaymentsAsync(bench.Admin, reader)).Refusal,
        BooksSayItStood: (bench, s) => PurchaseCount(bench, s) == s.Before + 1
            && bench.Scalar<long>("SELECT COUNT(*) FROM payments WHERE account_id = @AccountId AND status <> 'applied'", new { s.AccountId }) == 0,
        AtTheMeter: (bench, s, stood) => bench.Swipe(s.UserCard, s.Meter).ShouldBe(stood ? MeterResult.Loaded : MeterResult.AlreadyLoaded),
        FollowUp: async (bench, s, stood) =>
        {
            if (!stood)
            {
                // Undone means the payment still waits: the next visit writes it.
                bench.Insert(s.UserCard);
                (await bench.Office.Sales.CollectPaymentsAsync(bench.Admin, bench.Counter.Reader)).Refusal.ShouldBeNull();
                bench.Swipe(s.UserCard, s.Meter).ShouldBe(MeterResult.Loaded);
            }

            await bench.SellAndLoadAsync(s);
        });

    // The sale corrected is 20 kWh, not swiped; corrected to 30 kWh. Both load, so the meter's credit tells them apart.
    private static SweptOperation Correction => new(
        "sale correction",
        Arrange: UnswipedSaleAsync,
        Act: async (office, bench, _, reader) => (await office.Sales.CorrectAsync(bench.Admin, reader, Counter.Kwh(30))).Refusal,
        BooksSayItStood: (bench, s) => SaleStatus(bench, s) == "corrected",
        AtTheMeter: (bench, s, stood) =>
        {
            bench.Swipe(s.UserCard, s.Meter).ShouldBe(MeterResult.Loaded);
            (bench.Remaining(s.Meter) - s.RemainingBefore).ShouldBe(stood ? 3000 : 2000, "credit loaded by the swipe, in hundredths of a kWh");
        });

    private static SweptOperation Cancel => new(
        "sale cancel",
        Arrange: UnswipedSaleAsync,
        Act: async (office, bench, _, reader) => (await office.Sales.CancelAsync(bench.Admin, reader)).Refusal,
        BooksSayItStood: (bench, s) => SaleStatus(bench, s) == "cancelled",
        AtTheMeter: (bench, s, stood) => bench.Swipe(s.UserCard, s.Meter).ShouldBe(stood ? MeterResult.AlreadyLoaded : MeterResult.Loaded));

    /// <summary>A sale of 20 kWh on the account's card, not swiped: what a correction or a cancel works on. Before is its sale id.</summary>
    private static async Task<Subject> UnswipedSaleAsync(Bench bench, Subject? previous)
    {
        var s = previous ?? await bench.NewAccountAsync();
        bench.Insert(s.UserCard);
        var sale = await bench.Office.Sales.SellAsync(bench.Admin, bench.Counter.Reader, Counter.Kwh(20));
        s.Before = sale.Value.SaleId;
        s.Target = s.UserCard;
        s.RemainingBefore = bench.Remaining(s.Meter);
        return s;
    }

    private static string SaleStatus(Bench bench, Subject subject) => bench.Scalar<string>("SELECT status FROM sales WHERE id = @Before", new { subject.Before });
}
