using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Sales;

public sealed class SaleServiceTests
{
    [Theory, BothStores]
    public async Task Sell_CardSwipedAtMeter_WritesNextPurchaseAndIssuesReceipt(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);

        var sale = await counter.Sell(Counter.Kwh(30));

        sale.Success.ShouldBeTrue(sale.ToString());
        sale.Value.ReceiptNumber.ShouldBe(opening.ReceiptNumber + 1);
        sale.Value.PurchaseCount.ShouldBe(PurchaseCount.From(2));
        sale.Value.Money.ShouldBe(Money.FromUnits(15m));
        counter.CardInReader().PurchaseCount.ShouldBe(PurchaseCount.From(2));
        counter.CardInReader().Purchase.Hundredths.ShouldBe(3000);
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
    }

    [Theory, BothStores]
    public async Task Sell_CardNotSwiped_RefusedAndNothingChanges(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(50));
        var before = card.Memory.ToArray();

        var sale = await counter.Sell(Counter.Kwh(30));

        sale.Refusal!.Reason.ShouldBe(RefusalReason.CardNotSwiped);
        sale.Refusal.Message.ShouldStartWith("card not swiped — swipe it at the meter first");
        card.Memory.ToArray().ShouldBe(before);
        counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value.Count.ShouldBe(1);
    }

    [Theory, BothStores]
    public async Task Sell_ByMoney_ConvertsAtCurrentPriceAndCollectsArrearsFirst(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(20m), "meter fee").Success.ShouldBeTrue();
        counter.Insert(card);

        var sale = await counter.Sell(Counter.Pay(100m));

        sale.Value.ArrearsCollected.ShouldBe(Money.FromUnits(20m));
        sale.Value.Energy.ShouldBe(Energy.FromKilowattHours(160m)); // 80.00 at 0.5000
        sale.Value.Money.ShouldBe(Money.FromUnits(100m));
        counter.Office.Accounts.Get(counter.Admin, opening.AccountId).Value.Arrears.ShouldBe(Money.Zero);
    }

    [Theory, BothStores]
    public async Task Sell_PaymentOnlyCoversArrears_Refused(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(20m), "meter fee");
        counter.Insert(card);

        var sale = await counter.Sell(Counter.Pay(20m));

        sale.Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        sale.Refusal.Message.ShouldContain("only covers the arrears");
    }

    [Theory, BothStores]
    public async Task Sell_OverPurchaseLimit_Refused(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);

        (await counter.Sell(Counter.Kwh(1000))).Refusal!.Reason.ShouldBe(RefusalReason.OverPurchaseLimit);
        var onTop = await counter.Sell(Counter.Kwh(990)); // the meter holds 20 (preset 10 + 10 bought)
        onTop.Refusal!.Reason.ShouldBe(RefusalReason.OverPurchaseLimit);
        onTop.Refusal.Message.ShouldContain("the meter last held 20.00 kWh");
    }

    [Theory, BothStores]
    public async Task Sell_OldCopyOfTheCard_Refused(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        var copy = new Cards.Readers.MemoryCard(card.Memory, Testing.Some.Keys.Psc.Span);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Success.ShouldBeTrue();
        counter.Swipe(card);

        counter.Insert(copy);
        var replay = await counter.Sell(Counter.Kwh(10));

        replay.Refusal!.Reason.ShouldBe(RefusalReason.CardRefused);
        replay.Refusal.Message.ShouldContain("an old copy");
    }

    [Theory, BothStores]
    public async Task Correct_BeforeSwipe_ReplacesAmountUnderSameCount(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);
        var sale = (await counter.Sell(Counter.Kwh(30))).Value;

        var corrected = await counter.Office.Sales.CorrectAsync(counter.Admin, counter.Reader, Counter.Kwh(40));

        corrected.Value.Kind.ShouldBe(SaleKind.Correction);
        corrected.Value.PurchaseCount.ShouldBe(sale.PurchaseCount);
        counter.CardInReader().Purchase.Hundredths.ShouldBe(4000);
        var purchases = counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value;
        purchases.Single(p => p.SaleId == sale.SaleId).Status.ShouldBe(SaleStatus.Corrected);
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.MeterOf(Counter.MeterA).Snapshot().CumulativeLoaded.Hundredths.ShouldBe(5000);
    }

    [Theory, BothStores]
    public async Task Correct_AfterSwipe_Refused(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);

        var corrected = await counter.Office.Sales.CorrectAsync(counter.Admin, counter.Reader, Counter.Kwh(40));

        corrected.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        corrected.Refusal.Message.ShouldContain("was swiped");
    }

    [Theory, BothStores]
    public async Task Cancel_BeforeSwipe_PutsCardBackAndRefundsArrears(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(5m), "fee");
        counter.Insert(card);
        var sale = (await counter.Sell(Counter.Kwh(30))).Value;

        var cancelled = await counter.Office.Sales.CancelAsync(counter.Admin, counter.Reader);

        cancelled.Value.Status.ShouldBe(SaleStatus.Cancelled);
        cancelled.Value.SaleId.ShouldBe(sale.SaleId);
        counter.CardInReader().PurchaseCount.ShouldBe(PurchaseCount.From(1));
        var account = counter.Office.Accounts.Get(counter.Admin, opening.AccountId).Value;
        account.PurchaseCount.ShouldBe(PurchaseCount.From(1));
        account.Arrears.ShouldBe(Money.FromUnits(5m));
        counter.Swipe(card).Result.ShouldBe(MeterResult.AlreadyLoaded);
        (await counter.Sell(Counter.Kwh(5))).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public async Task Cancel_OnReissuedCard_RefusedBecauseTheLostCardMayHaveBeenSwiped(Store store)
    {
        using var counter = new Counter(store);
        var (opening, lost) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(lost).Result.ShouldBe(MeterResult.Loaded);
        counter.InsertBlank();
        (await counter.Office.Cards.ReissueAsync(counter.Admin, counter.Reader, opening.AccountId, "lost")).Success.ShouldBeTrue();

        var cancelled = await counter.Office.Sales.CancelAsync(counter.Admin, counter.Reader);

        cancelled.Refusal!.Message.ShouldContain("since replaced, which may have been swiped");
        counter.MeterOf(Counter.MeterA).Snapshot().CumulativeLoaded.Hundredths.ShouldBe(1000);
    }

    [Theory, BothStores]
    public async Task Sell_MeterLoadedAPurchaseTheBooksCancelled_RefusedSoTheNewPurchaseIsNotLost(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(50));
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(10))).Success.ShouldBeTrue();

        // The meter commits purchase 2, then loses power before writing the card: the card still looks unswiped.
        var meter = counter.MeterOf(Counter.MeterA);
        meter.InsertCard(card.Memory.ToArray(), PowerCutPoint.AfterCommit).Result.ShouldBe(MeterResult.PowerCut);
        meter.Restore();
        counter.Insert(card);
        (await counter.Office.Sales.CancelAsync(counter.Admin, counter.Reader)).Success.ShouldBeTrue();
        counter.Swipe(card).Result.ShouldBe(MeterResult.OldCard); // the return-write now shows purchase 2 loaded
        counter.Insert(card);

        var refused = await counter.Sell(Counter.Kwh(20));

        refused.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        refused.Refusal.Message.ShouldContain("has loaded purchase 2, but the books stop at purchase 1");
        counter.CardInReader().PurchaseCount.Value.ShouldBe(1u);
    }
}
