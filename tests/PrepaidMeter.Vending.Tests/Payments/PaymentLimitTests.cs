using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Payments;

/// <summary>
/// A partner's payment is refused when it is taken, not at the counter weeks later: over the partner's own ceiling,
/// over the account's purchase limit (for an energy group, the limit's energy priced at the price in force), or over
/// that limit with what already waits for the account. The counter's group: limit 999, flat price 0.50 a kWh.
/// </summary>
public sealed class PaymentLimitTests
{
    [Theory, BothStores]
    public void Take_OverTheMoneyGroupsPurchaseLimit_RefusedOverPurchaseLimitAndNothingTaken(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Money);
        var (opening, _) = counter.OpenAccount();
        var key = Key(counter, "River Bank");

        var overLimit = Take(counter, key, "k1", 999.01m).Refusal!;
        var largestMoney = Take(counter, key, "k2", 999_999_999_999.99m).Refusal!;

        overLimit.Reason.ShouldBe(RefusalReason.OverPurchaseLimit);
        overLimit.Message.ShouldBe($"999.01 is over the purchase limit of account {opening.AccountId}, 999.00");
        largestMoney.Message.ShouldBe($"999999999999.99 is over the purchase limit of account {opening.AccountId}, 999.00");
        Take(counter, key, "k3", 999m).Success.ShouldBeTrue();
        PaymentCount(counter).ShouldBe(1);
    }

    [Theory, BothStores]
    public void Take_EnergyGroup_ComparedWithWhatTheLimitsEnergyCostsAtThePriceInForce(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        var key = Key(counter, "River Bank");

        var overLimit = Take(counter, key, "k1", 499.51m).Refusal!;

        overLimit.Reason.ShouldBe(RefusalReason.OverPurchaseLimit);
        overLimit.Message.ShouldBe($"499.51 is over the purchase limit of account {opening.AccountId}, 999.00 kWh, 499.50 at the price in force");
        Take(counter, key, "k2", 499.50m).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public void Take_EnergyGroupWhereTheLimitsRoundedCostBuysMore_ComparedWithTheMostMoneyWithinTheLimit(Store store)
    {
        // At 0.25 a kWh 999 kWh cost 249.75, but 249.75 buys 999.01 kWh (its price, 249.7525, rounds to 249.75): 249.74 is the most.
        using var counter = new Counter(store, price: """{"kind":"flat","price":"0.2500"}""");
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        var key = Key(counter, "River Bank");

        Take(counter, key, "k1", 249.75m).Refusal!.Message.ShouldBe($"249.75 is over the purchase limit of account {opening.AccountId}, 999.00 kWh, 249.74 at the price in force");
        Take(counter, key, "k2", 249.74m).Success.ShouldBeTrue();
    }

    [Theory, BothStores]
    public void Take_EnergyGroupWhosePriceHasNoVersionInForce_ConflictAndNothingTaken(Store store)
    {
        using var counter = new Counter(store);
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        var key = Key(counter, "River Bank");
        // As a price whose only version starts later would be: nothing converts money to energy now.
        counter.Fixture("a price whose only version starts later", scope => scope.ExecuteCovered(AuditedTable.PriceVersions, "UPDATE price_versions SET effective_from = '2099-01-01T00:00:00.000Z'"));

        var refused = Take(counter, key, "k1", 20m).Refusal!;

        refused.Reason.ShouldBe(RefusalReason.Conflict);
        refused.Message.ShouldStartWith($"account {opening.AccountId}'s purchase limit is 999.00 kWh and its price cannot convert a payment to energy now (price type ");
        refused.Message.ShouldEndWith("); nothing was taken");
        PaymentCount(counter).ShouldBe(0);
    }

    [Theory, BothStores]
    public void Take_WithWhatAlreadyWaitsPassingTheLimit_RefusedNamingWhatWaits(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Money);
        var (opening, _) = counter.OpenAccount();
        var river = Key(counter, "River Bank");
        var hill = Key(counter, "Hill Bank");
        Take(counter, river, "r1", 600m).Success.ShouldBeTrue();
        Take(counter, hill, "h1", 399m).Success.ShouldBeTrue();

        var passing = Take(counter, hill, "h2", 0.01m).Refusal!;

        passing.Reason.ShouldBe(RefusalReason.OverPurchaseLimit);
        passing.Message.ShouldBe($"999.00 already waits for account {opening.AccountId}; with 0.01 it would pass its purchase limit, 999.00");
        PaymentCount(counter).ShouldBe(2);
    }

    [Theory, BothStores]
    public void Take_OverThePartnersOwnCeiling_RefusedNamingIt(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Money);
        counter.OpenAccount();
        var small = counter.Office.Payments.AddPartner(counter.Admin, "Small Bank", Money.FromUnits(50)).Value.ApiKey;

        var over = Take(counter, small, "s1", 50.01m).Refusal!;

        over.Reason.ShouldBe(RefusalReason.OverPurchaseLimit);
        over.Message.ShouldBe("50.01 is over Small Bank's ceiling of 50.00 a payment");
        Take(counter, small, "s2", 50m).Success.ShouldBeTrue();
        PaymentCount(counter).ShouldBe(1);
    }

    [Theory, BothStores]
    public void AddPartner_CeilingOfZero_Refused(Store store)
    {
        using var counter = new Counter(store);

        counter.Office.Payments.AddPartner(counter.Admin, "Small Bank", Money.Zero).Refusal!.Message
            .ShouldBe("a partner's ceiling on one payment must be more than zero, not 0.00");
    }

    [Theory, BothStores]
    public void Take_TwentyPaymentsForOneAccountAtOnce_TakenOnlyUpToTheLimit(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Money);
        counter.OpenAccount();
        var key = Key(counter, "River Bank");
        // Each fits alone; nine fit together under 999.00. The account's row lock makes each post see the ones before it.
        var results = new VendResult<PaymentTaken>[20];
        using var start = new ManualResetEventSlim();
        var posts = Enumerable.Range(0, 20).Select(i => new Thread(() =>
        {
            start.Wait();
            results[i] = Take(counter, key, $"burst-{i}", 100m);
        })).ToList();
        posts.ForEach(t => t.Start());
        start.Set();
        posts.ForEach(t => t.Join());

        results.Count(r => r.Success).ShouldBe(9, string.Join("; ", results.Where(r => !r.Success).Select(r => r.Refusal!.Message).Distinct()));
        results.Where(r => !r.Success).ShouldAllBe(r => r.Refusal!.Reason == RefusalReason.OverPurchaseLimit);
        PaymentCount(counter).ShouldBe(9);
    }

    private static string Key(Counter counter, string partner) => counter.Office.Payments.AddPartner(counter.Admin, partner).Value.ApiKey;

    [Theory, BothStores]
    public void Take_ForAKeypadTokenAccount_RefusedAndNothingTaken(Store store)
    {
        using var counter = new Counter(store);
        var account = Keypad.TokenCounter.OpenTokenAccount(counter);
        var key = Key(counter, "River Bank");

        var refused = Take(counter, key, "k1", 10m).Refusal!;

        refused.Reason.ShouldBe(RefusalReason.Invalid);
        refused.Message.ShouldBe($"account {account} is a keypad token account: a partner payment is written to a card, and it has none; its customer buys tokens at the counter");
        PaymentCount(counter).ShouldBe(0);
    }

    private static VendResult<PaymentTaken> Take(Counter counter, string key, string idempotencyKey, decimal amount) =>
        counter.Office.Payments.Take(key, new PaymentRequest(idempotencyKey, counter.Customer, null, Money.FromUnits(amount), ""));

    private static long PaymentCount(Counter counter)
    {
        using var connection = counter.Database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM payments");
    }
}
