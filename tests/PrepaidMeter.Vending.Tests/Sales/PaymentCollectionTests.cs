using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Sales;

/// <summary>
/// `vend collect` writes the waiting payments that fit onto the card — oldest first, each added only if the sum with it
/// still makes a sale — and leaves the rest waiting with a line saying why; it is refused, never thrown, when none fits.
/// The counter's group: energy, limit 999 kWh, flat price 0.50 a kWh; the account's first purchase is 10 kWh, loaded.
/// </summary>
public sealed class PaymentCollectionTests
{
    [Theory, BothStores]
    public async Task Collect_PriceFellSincePaymentsWereTaken_WritesThoseThatFitAndLeavesTheRestWaiting(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        var key = RiverBankKey(counter);
        Take(counter, key, "p1", 300m).Success.ShouldBeTrue();
        Take(counter, key, "p2", 150m).Success.ShouldBeTrue();
        counter.Office.Prices.Adjust(counter.Admin, counter.Residential, """{"kind":"flat","price":"0.2500"}""", Testing.Some.Moment.AddDays(1)).Success.ShouldBeTrue();
        counter.Time.Advance(TimeSpan.FromDays(2));
        counter.Swipe(card);
        counter.Insert(card);

        var collected = (await counter.Office.Sales.CollectPaymentsAsync(counter.Admin, counter.Reader)).Value;

        collected.Receipt.Money.ShouldBe(Money.FromUnits(150));
        // The most energy 150.00 pays for at 0.25 a kWh, its price rounded to the cent; 300.00 would buy twice that, over the limit of 999.
        collected.Receipt.Energy.ShouldBe(Energy.FromKilowattHours(600.01m));
        var left = collected.LeftWaiting.ShouldHaveSingleItem();
        left.IdempotencyKey.ShouldBe("p1");
        left.Why.ShouldBe("with it the sale would be 300.00: 1200.01 kWh is over the purchase limit of 999.00 kWh");
        collected.LeftWaitingLine.ShouldBe(
            $"1 partner payment left waiting for the next visit — payment {left.PaymentId} (300.00 from River Bank, key 'p1'): {left.Why}");
        counter.Office.Payments.Find(key, "p1").Value.Status.ShouldBe(PaymentStatus.Credited);
        counter.Office.Payments.Find(key, "p2").Value.AppliedSaleId.ShouldBe(collected.Receipt.SaleId);
    }

    [Theory, BothStores]
    public async Task Collect_NothingFitsOnTopOfWhatTheMeterHolds_RefusedNamingEachPaymentAndNothingWritten(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        var key = RiverBankKey(counter);
        Take(counter, key, "all-of-it", 499.50m).Success.ShouldBeTrue();
        counter.Swipe(card);
        counter.Insert(card);
        var before = card.Memory.ToArray();

        var refused = (await counter.Office.Sales.CollectPaymentsAsync(counter.Admin, counter.Reader)).Refusal!;

        refused.Reason.ShouldBe(RefusalReason.OverPurchaseLimit);
        refused.Message.ShouldStartWith("nothing was written to the card: 1 partner payment left waiting for the next visit — payment 1 (499.50 from River Bank, key 'all-of-it'): "
            + "with it the sale would be 499.50: the meter last held ");
        refused.Message.ShouldEndWith("with 999.00 kWh it would pass the purchase limit of 999.00 kWh");
        card.Memory.ToArray().ShouldBe(before);
        counter.Office.Payments.Find(key, "all-of-it").Value.Status.ShouldBe(PaymentStatus.Credited);
    }

    [Theory, BothStores]
    public async Task Collect_PaymentsTakenBeforeTheLimitsSummingPastTheLargestMoney_WritesWhatFitsAndNeverThrows(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        var key = RiverBankKey(counter);
        Take(counter, key, "small", 20m).Success.ShouldBeTrue();
        // Two payments as a partner could post them before these limits existed (schema step 7): the largest money each.
        InsertPaymentAsOfOld(counter, opening.AccountId, "old-1", Money.MaxHundredths);
        InsertPaymentAsOfOld(counter, opening.AccountId, "old-2", Money.MaxHundredths);
        counter.Swipe(card);
        counter.Insert(card);

        var collected = (await counter.Office.Sales.CollectPaymentsAsync(counter.Admin, counter.Reader)).Value;
        counter.Swipe(card);
        counter.Insert(card);
        var nothing = (await counter.Office.Sales.CollectPaymentsAsync(counter.Admin, counter.Reader)).Refusal!;

        collected.Receipt.Money.ShouldBe(Money.FromUnits(20));
        collected.LeftWaiting.Select(p => p.IdempotencyKey).ShouldBe(["old-1", "old-2"]);
        collected.LeftWaiting.ShouldAllBe(p => p.Why == "with it the sum would pass the largest amount of money, 999999999999.99");
        nothing.Message.ShouldStartWith("nothing was written to the card: 2 partner payments left waiting for the next visit — payment 2 (999999999999.99 from River Bank, key 'old-1'): "
            + "with it the sale would be 999999999999.99: ");
        nothing.Message.ShouldContain("; payment 3 (999999999999.99 from River Bank, key 'old-2'): ");
    }

    [Theory, BothStores]
    public async Task Collect_PaymentsEachOnlyCoveringTheArrears_WrittenTogetherWhenTheirSumBuysEnergy(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(10), "meter box repair").Success.ShouldBeTrue();
        var key = RiverBankKey(counter);
        Take(counter, key, "five", 5m).Success.ShouldBeTrue();
        counter.Swipe(card);
        counter.Insert(card);
        var tooLittle = (await counter.Office.Sales.CollectPaymentsAsync(counter.Admin, counter.Reader)).Refusal!;
        Take(counter, key, "six", 6m).Success.ShouldBeTrue();

        var collected = (await counter.Office.Sales.CollectPaymentsAsync(counter.Admin, counter.Reader)).Value;

        tooLittle.Message.ShouldBe(
            "nothing was written to the card: 1 partner payment left waiting for the next visit — payment 1 (5.00 from River Bank, key 'five'): "
            + "the payment of 5.00 only covers the arrears of 10.00; take at least 10.01");
        collected.LeftWaiting.ShouldBeEmpty();
        collected.Receipt.Money.ShouldBe(Money.FromUnits(11));
        collected.Receipt.ArrearsCollected.ShouldBe(Money.FromUnits(10));
        collected.Receipt.Energy.ShouldBe(Energy.FromKilowattHours(2));
    }

    private static string RiverBankKey(Counter counter) => counter.Office.Payments.AddPartner(counter.Admin, "River Bank").Value.ApiKey;

    private static VendResult<PaymentTaken> Take(Counter counter, string key, string idempotencyKey, decimal amount) =>
        counter.Office.Payments.Take(key, new PaymentRequest(idempotencyKey, counter.Customer, null, Money.FromUnits(amount), ""));

    private static void InsertPaymentAsOfOld(Counter counter, long accountId, string idempotencyKey, long hundredths) =>
        counter.Fixture("a payment taken before partner limits", scope => scope.ExecuteCovered(AuditedTable.Payments,
            """
            INSERT INTO payments (partner_id, idempotency_key, account_id, amount, reference, status, received_at)
            VALUES ((SELECT id FROM partners WHERE name = 'River Bank'), @idempotencyKey, @accountId, @hundredths, '', 'credited', @at)
            """,
            new { idempotencyKey, accountId, hundredths, at = OperationLog.Stamp(counter.Time.GetUtcNow()) }));
}
