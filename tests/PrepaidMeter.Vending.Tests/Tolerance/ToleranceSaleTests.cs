using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Tolerance;

/// <summary>Error-tolerance selling (docs/vending.md, "Error-tolerance selling and reset for selling", rules T1–T7).</summary>
public sealed class ToleranceSaleTests
{
    private const string Reason = "meter 000012345678 does not write back";

    [Theory, BothStores]
    public async Task ToleranceSell_CheckCardShowsLastPurchaseLoaded_SellsAndTheMeterLoadsItOnce(Store store)
    {
        using var counter = new Counter(store);
        var card = LoadedWithoutReturnWrite(counter);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Refusal!.Reason.ShouldBe(RefusalReason.CardNotSwiped);
        counter.Time.Advance(TimeSpan.FromMinutes(5));
        await counter.ReadMeterAsync();
        var before = counter.MeterOf(Counter.MeterA).Snapshot().Remaining.Hundredths;
        counter.Insert(card);

        var sold = await counter.Office.Tolerance.SellAsync(counter.Admin, counter.Reader, Counter.Kwh(10), Reason, unverified: false);

        sold.Refusal.ShouldBeNull();
        sold.Value.Kind.ShouldBe("sale");
        sold.Value.Evidence.ShouldBe("reading");
        sold.Value.ReadingSource.ShouldBe("checkcard");
        sold.Value.ReadingLoaded.ShouldBe(PurchaseCount.From(1));
        sold.Value.PurchaseCount.ShouldBe(PurchaseCount.From(2));
        sold.Value.ReceiptNumber.ShouldBe(2);
        sold.Value.Reason.ShouldBe(Reason);
        counter.CardInReader().PurchaseCount.ShouldBe(PurchaseCount.From(2));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Swipe(card).Result.ShouldBe(MeterResult.AlreadyLoaded);
        (counter.MeterOf(Counter.MeterA).Snapshot().Remaining.Hundredths - before).ShouldBe(1000);
        counter.Office.Queries.ToleranceUses(counter.Admin, new QueryFilter()).Value.ShouldHaveSingleItem().SaleId.ShouldBe(sold.Value.SaleId);
    }

    [Theory, BothStores]
    public async Task ToleranceSell_LinkReadingShowsLastPurchaseLoaded_Sells(Store store)
    {
        using var counter = new Counter(store);
        var card = LoadedWithoutReturnWrite(counter);
        counter.Time.Advance(TimeSpan.FromMinutes(5));
        LinkReading(counter, loaded: 1);
        counter.Insert(card);

        var sold = await counter.Office.Tolerance.SellAsync(counter.Admin, counter.Reader, Counter.Kwh(10), Reason, unverified: false);

        sold.Value.ReadingSource.ShouldBe("link");
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
    }

    [Theory, BothStores]
    public async Task ToleranceSell_ReadingShowsLastPurchaseNotLoaded_IsRefusedEvenUnverified(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Time.Advance(TimeSpan.FromMinutes(5));
        await counter.ReadMeterAsync();
        counter.Insert(card);
        var image = card.Memory.ToArray();

        var sold = await counter.Office.Tolerance.SellAsync(counter.Admin, counter.Reader, Counter.Kwh(10), Reason, unverified: true);

        sold.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        sold.Refusal.Message.ShouldContain("shows purchase 0 loaded, not purchase 1");
        card.Memory.ToArray().ShouldBe(image);
        counter.Office.Queries.ToleranceUses(counter.Admin, new QueryFilter()).Value.ShouldBeEmpty();
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
    }

    [Theory, BothStores]
    public async Task ToleranceSell_NoReading_IsRefusedWithoutUnverified(Store store)
    {
        using var counter = new Counter(store);
        var card = LoadedWithoutReturnWrite(counter);
        counter.Insert(card);

        var sold = await counter.Office.Tolerance.SellAsync(counter.Admin, counter.Reader, Counter.Kwh(10), Reason, unverified: false);

        sold.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        sold.Refusal.Message.ShouldStartWith("no reading of meter 000012345678 since purchase 1 was sold");
        counter.CardInReader().PurchaseCount.ShouldBe(PurchaseCount.From(1));
    }

    [Theory, BothStores]
    public async Task ToleranceSell_NoReadingAndUnverified_SellsRecordedUnverified(Store store)
    {
        using var counter = new Counter(store);
        var card = LoadedWithoutReturnWrite(counter);
        counter.Insert(card);

        var sold = await counter.Office.Tolerance.SellAsync(counter.Admin, counter.Reader, Counter.Kwh(10), Reason, unverified: true);

        sold.Value.Evidence.ShouldBe("unverified");
        sold.Value.ReadingSource.ShouldBeNull();
        counter.Office.Queries.ToleranceUses(counter.Admin, new QueryFilter()).Value.ShouldHaveSingleItem().Evidence.ShouldBe("unverified");
        counter.Office.Queries.OperationLog(counter.Admin, new QueryFilter()).Value.ShouldContain(e => e.Action == "error-tolerance sale" && e.Detail.Contains(Reason));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
    }

    [Theory, BothStores]
    public async Task ToleranceSell_ReadingFromBeforeTheLastSale_IsNoEvidence(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card);
        counter.Time.Advance(TimeSpan.FromMinutes(5));
        await counter.ReadMeterAsync();
        counter.Time.Advance(TimeSpan.FromMinutes(5));
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Refusal.ShouldBeNull();
        counter.Swipe(Counter.CopyOf(card)).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);

        var sold = await counter.Office.Tolerance.SellAsync(counter.Admin, counter.Reader, Counter.Kwh(10), Reason, unverified: false);

        sold.Refusal!.Message.ShouldStartWith("no reading of meter 000012345678 since purchase 2 was sold");
    }

    [Theory, BothStores]
    public async Task ToleranceSell_ReadingShowsMeterAheadOfTheBooks_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var card = LoadedWithoutReturnWrite(counter);
        counter.Time.Advance(TimeSpan.FromMinutes(5));
        LinkReading(counter, loaded: 2);
        counter.Insert(card);

        var sold = await counter.Office.Tolerance.SellAsync(counter.Admin, counter.Reader, Counter.Kwh(10), Reason, unverified: true);

        sold.Refusal!.Message.ShouldStartWith("meter 000012345678 has loaded purchase 2, but the books stop at purchase 1");
    }

    [Theory, BothStores]
    public async Task ToleranceSell_CardShowsItsPurchaseLoaded_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card);
        counter.Insert(card);

        var sold = await counter.Office.Tolerance.SellAsync(counter.Admin, counter.Reader, Counter.Kwh(10), Reason, unverified: true);

        sold.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        sold.Refusal.Message.ShouldStartWith("the card shows purchase 1 loaded: sell normally");
    }

    [Theory, BothStores]
    public async Task ToleranceSell_WithoutReason_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var card = LoadedWithoutReturnWrite(counter);
        counter.Insert(card);

        var sold = await counter.Office.Tolerance.SellAsync(counter.Admin, counter.Reader, Counter.Kwh(10), "  ", unverified: true);

        sold.Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        counter.CardInReader().PurchaseCount.ShouldBe(PurchaseCount.From(1));
    }

    [Theory, BothStores]
    public async Task ToleranceSell_Cashier_IsRefusedBeforeTheCardIsRead(Store store)
    {
        using var counter = new Counter(store);
        var card = LoadedWithoutReturnWrite(counter);
        counter.Office.Operators.Add(counter.Admin, "wang", "Wang", SeedRoles.Cashier, "cashier-pass").Success.ShouldBeTrue();
        var cashier = counter.Office.Operators.Login("wang", "cashier-pass").Value;
        counter.Insert(card);

        var sold = await counter.Office.Tolerance.SellAsync(cashier, counter.Reader, Counter.Kwh(10), Reason, unverified: true);

        sold.Refusal!.Reason.ShouldBe(RefusalReason.NoPermission);
        sold.Refusal.Message.ShouldContain("error-tolerance");
    }

    [Theory, BothStores]
    public async Task ToleranceSell_OverThePurchaseLimitWithWhatTheReadingShows_IsRefused(Store store)
    {
        using var counter = new Counter(store);
        var card = LoadedWithoutReturnWrite(counter);
        counter.Time.Advance(TimeSpan.FromMinutes(5));
        LinkReading(counter, loaded: 1, remaining: 99_500);
        counter.Insert(card);

        var sold = await counter.Office.Tolerance.SellAsync(counter.Admin, counter.Reader, Counter.Kwh(10), Reason, unverified: false);

        sold.Refusal!.Reason.ShouldBe(RefusalReason.OverPurchaseLimit);
    }

    /// <summary>An account whose first purchase (50 kWh) the meter loaded from a copy of the card: the card itself never got the return-write.</summary>
    private static Cards.Readers.MemoryCard LoadedWithoutReturnWrite(Counter counter)
    {
        var (_, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(Counter.CopyOf(card)).Result.ShouldBe(MeterResult.Loaded);
        return card;
    }

    /// <summary>A reading over the meter link as the books keep it (readings are the meter's word, not audited).</summary>
    private static void LinkReading(Counter counter, long loaded, long remaining = 1000)
    {
        using var connection = counter.Database.Open();
        var at = PrepaidMeter.Vending.Audit.OperationLog.Stamp(counter.Time.GetUtcNow());
        connection.Execute(
            """
            INSERT INTO readings (meter_id, source, loaded_count, remaining, credit_unit, cumulative_energy, status, meter_time, recorded_at, operator)
            SELECT id, 'link', @loaded, @remaining, 'energy', 0, 0, @at, @at, 'admin' FROM meters WHERE number = '000012345678'
            """,
            new { loaded, remaining, at });
    }
}
