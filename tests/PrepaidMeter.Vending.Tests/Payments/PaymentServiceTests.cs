using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Payments;

public sealed class PaymentServiceTests
{
    [Theory, BothStores]
    public async Task Take_ThenCollectAtTheNextVisit_WritesTheCreditToTheCardOnce(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        var bank = counter.Office.Payments.AddPartner(counter.Admin, "River Bank").Value;

        var taken = counter.Office.Payments.Take(bank.ApiKey, new PaymentRequest("bank-0001", counter.Customer, null, Money.FromUnits(20), "teller 7")).Value;

        taken.Replayed.ShouldBeFalse();
        taken.Payment.Status.ShouldBe(PaymentStatus.Credited);
        taken.Payment.AccountId.ShouldBe(opening.AccountId);
        counter.Swipe(card);
        counter.Insert(card);
        var collected = (await counter.Office.Sales.CollectPaymentsAsync(counter.Admin, counter.Reader)).Value;
        collected.LeftWaiting.ShouldBeEmpty();
        var receipt = collected.Receipt;
        receipt.Money.ShouldBe(Money.FromUnits(20));
        receipt.Energy.ShouldBe(Energy.FromKilowattHours(40), "20.00 at 0.50 a kWh");
        counter.Office.Payments.Find(bank.ApiKey, "bank-0001").Value.AppliedSaleId.ShouldBe(receipt.SaleId);
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);
        (await counter.Office.Sales.CollectPaymentsAsync(counter.Admin, counter.Reader)).Refusal!.Message.ShouldContain("no partner payment waits");
    }

    [Theory, BothStores]
    public void Take_SameIdempotencyKeyAgain_ReturnsTheFirstPaymentAndTakesNothing(Store store)
    {
        using var counter = new Counter(store);
        counter.OpenAccount(Counter.Kwh(10));
        var key = RiverBankKey(counter);
        var request = new PaymentRequest("retry-me", counter.Customer, null, Money.FromUnits(12.5m), "");

        var first = counter.Office.Payments.Take(key, request).Value;
        var again = counter.Office.Payments.Take(key, request).Value;

        again.Replayed.ShouldBeTrue();
        again.Payment.ShouldBe(first.Payment);
        counter.Office.Payments.Take(key, request with { Amount = Money.FromUnits(13) }).Refusal!.Message.ShouldContain("was used for a different payment (amount 12.50, not 13.00)");
        PaymentCount(counter).ShouldBe(1);
    }

    [Theory, BothStores]
    public void Take_SamePaymentPostedAHundredTimesAtOnce_IsTakenOnce(Store store)
    {
        using var counter = new Counter(store);
        counter.OpenAccount(Counter.Kwh(10));
        var key = RiverBankKey(counter);
        var request = new PaymentRequest("storm-1", counter.Customer, null, Money.FromUnits(30), "batch 9");
        // A hundred threads of their own (the back office blocks while it talks to the database), released together.
        var results = new VendResult<PaymentTaken>[100];
        using var start = new ManualResetEventSlim();
        var posts = Enumerable.Range(0, 100).Select(i => new Thread(() =>
        {
            start.Wait();
            results[i] = counter.Office.Payments.Take(key, request);
        })).ToList();
        posts.ForEach(t => t.Start());
        start.Set();
        posts.ForEach(t => t.Join());

        results.ShouldAllBe(r => r.Success);
        results.Count(r => !r.Value.Replayed).ShouldBe(1);
        results.Select(r => r.Value.Payment.Id).Distinct().Count().ShouldBe(1);
        PaymentCount(counter).ShouldBe(1);
    }

    [Theory, BothStores]
    public void Take_BadKeyBadAmountOrNobody_RefusedAndNothingTaken(Store store)
    {
        using var counter = new Counter(store);
        counter.OpenAccount(Counter.Kwh(10));
        var key = RiverBankKey(counter);
        var good = new PaymentRequest("k1", counter.Customer, null, Money.FromUnits(5), "");

        counter.Office.Payments.Take("pmk_wrong", good).Refusal!.Reason.ShouldBe(RefusalReason.LoginFailed);
        counter.Office.Payments.Take("", good).Refusal!.Reason.ShouldBe(RefusalReason.LoginFailed);
        counter.Office.Payments.Take(key, good with { Amount = Money.Zero }).Refusal!.Message.ShouldContain("more than zero");
        counter.Office.Payments.Take(key, good with { IdempotencyKey = "has space" }).Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        counter.Office.Payments.Take(key, good with { Customer = CustomerNumber.From(999) }).Refusal!.Message.ShouldContain("has no open account");
        counter.Office.Payments.DisablePartner(counter.Admin, "River Bank").Success.ShouldBeTrue();
        var disabled = counter.Office.Payments.Take(key, good).Refusal!;
        disabled.Reason.ShouldBe(RefusalReason.NoPermission);
        disabled.Message.ShouldBe("partner 'River Bank' is disabled: its API key is no longer accepted");
        PaymentCount(counter).ShouldBe(0);
    }

    [Theory, BothStores]
    public async Task Cancel_OfACollectingSale_PutsThePaymentsBackToWait(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        var key = RiverBankKey(counter);
        counter.Office.Payments.Take(key, new PaymentRequest("p1", counter.Customer, null, Money.FromUnits(4), "")).Success.ShouldBeTrue();
        counter.Swipe(card);
        counter.Insert(card);
        (await counter.Office.Sales.CollectPaymentsAsync(counter.Admin, counter.Reader)).Success.ShouldBeTrue();

        (await counter.Office.Sales.CorrectAsync(counter.Admin, counter.Reader, Counter.Kwh(1))).Refusal!.Message.ShouldContain("cannot be corrected");
        (await counter.Office.Sales.CancelAsync(counter.Admin, counter.Reader)).Success.ShouldBeTrue();

        counter.Office.Payments.Find(key, "p1").Value.Status.ShouldBe(PaymentStatus.Credited);
        (await counter.Office.Sales.CollectPaymentsAsync(counter.Admin, counter.Reader)).Value.Receipt.Money.ShouldBe(Money.FromUnits(4));
    }

    [Theory, BothStores]
    public void Take_SameKeyWithADifferentReferenceAccountOrAmount_ConflictNamingWhatDiffers_ExactRetryReplayed(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        var key = RiverBankKey(counter);
        var request = new PaymentRequest("teller-3-0042", counter.Customer, null, Money.FromUnits(20), "teller 3");
        var first = counter.Office.Payments.Take(key, request).Value;

        var otherReference = counter.Office.Payments.Take(key, request with { Reference = "teller 4" }).Refusal!;
        var noReference = counter.Office.Payments.Take(key, request with { Reference = "" }).Refusal!;
        var otherAccount = counter.Office.Payments.Take(key, request with { Customer = null, AccountId = opening.AccountId + 1 }).Refusal!;
        var retry = counter.Office.Payments.Take(key, request).Value;
        var sameAccountByItsId = counter.Office.Payments.Take(key, request with { Customer = null, AccountId = opening.AccountId }).Value;

        otherReference.Reason.ShouldBe(RefusalReason.Conflict);
        otherReference.Message.ShouldBe(
            "idempotency key 'teller-3-0042' was used for a different payment (reference 'teller 3', not 'teller 4'); use a new key for a new payment");
        noReference.Message.ShouldContain("(reference 'teller 3', not '')");
        otherAccount.Message.ShouldContain($"(account {opening.AccountId}, not {opening.AccountId + 1})");
        retry.Replayed.ShouldBeTrue();
        retry.Payment.ShouldBe(first.Payment);
        sameAccountByItsId.Payment.ShouldBe(first.Payment);
        PaymentCount(counter).ShouldBe(1);
    }

    private static string RiverBankKey(Counter counter) => counter.Office.Payments.AddPartner(counter.Admin, "River Bank").Value.ApiKey;

    private static long PaymentCount(Counter counter)
    {
        using var connection = counter.Database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM payments");
    }
}
