using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Payments;

/// <summary>
/// TakeAsync and FindAsync are Take and Find run asynchronously: the same posts on two counters built alike, one blocking
/// and one awaiting, give the same answers (payments, replays, refusals to the letter) and leave the same payments and
/// log entries in the books. The group's limit is 999 kWh; a tiered price makes the ceiling read this month's sales.
/// </summary>
public sealed class PaymentServiceAsyncTests
{
    private const string Tiered = """{"kind":"tiered","blocks":[{"upTo":"200","price":"0.5000"},{"price":"0.8000"}]}""";

    [Theory, BothStores]
    public async Task TakeAsyncAndFindAsync_TheSamePostsAsTakeAndFind_SameAnswersAndTheSameBooks(Store store)
    {
        using var blocking = new Counter(store, price: Tiered);
        using var awaiting = new Counter(store, price: Tiered);
        var (blockingKeys, account) = Partners(blocking);
        var (awaitingKeys, _) = Partners(awaiting);
        List<string> outcomes = [];

        foreach (var (partner, request) in Posts(blocking.Customer, account))
        {
            var taken = blocking.Office.Payments.Take(Key(blockingKeys, partner), request);
            var takenAsync = await awaiting.Office.Payments.TakeAsync(Key(awaitingKeys, partner), request);
            Same(takenAsync, taken, $"{partner} {request}");
            outcomes.Add(taken.Success ? (taken.Value.Replayed ? "replayed" : "taken") : taken.Refusal!.Reason.ToString());
        }

        foreach (var (partner, key) in Finds)
        {
            var found = blocking.Office.Payments.Find(Key(blockingKeys, partner), key);
            var foundAsync = await awaiting.Office.Payments.FindAsync(Key(awaitingKeys, partner), key);
            Same(foundAsync, found, $"{partner} {key}");
            outcomes.Add(found.Success ? "found" : found.Refusal!.Reason.ToString());
        }

        string.Join(" ", outcomes).ShouldBe(
            "taken replayed replayed Conflict Conflict LoginFailed LoginFailed NoPermission Invalid Invalid NotFound NotFound OverPurchaseLimit taken OverPurchaseLimit taken OverPurchaseLimit"
            + " found found NotFound NotFound LoginFailed LoginFailed");
        Books(awaiting).ShouldBe(Books(blocking));
    }

    [Theory, BothStores]
    public async Task TakeAsync_SamePaymentPostedFiftyTimesAtOnce_IsTakenOnceAndReplayedToTheRest(Store store)
    {
        using var counter = new Counter(store);
        counter.OpenAccount(Counter.Kwh(10));
        var key = counter.Office.Payments.AddPartner(counter.Admin, "River Bank").Value.ApiKey;
        var request = new PaymentRequest("storm-async", counter.Customer, null, Money.FromUnits(30), "batch 9");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => counter.Office.Payments.TakeAsync(key, request))));

        results.ShouldAllBe(r => r.Success);
        results.Count(r => !r.Value.Replayed).ShouldBe(1);
        results.Select(r => r.Value.Payment).Distinct().Count().ShouldBe(1);
        counter.Office.Payments.Find(key, "storm-async").Value.ShouldBe(results[0].Value.Payment);
    }

    [Theory, BothStores]
    public async Task TakeAsync_Cancelled_TakesNothing(Store store)
    {
        using var counter = new Counter(store);
        counter.OpenAccount(Counter.Kwh(10));
        var key = counter.Office.Payments.AddPartner(counter.Admin, "River Bank").Value.ApiKey;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Exception? thrown = null;
        try
        {
            await counter.Office.Payments.TakeAsync(key, new PaymentRequest("k1", counter.Customer, null, Money.FromUnits(5), ""), cancelled.Token);
        }
        catch (OperationCanceledException e)
        {
            thrown = e;
        }

        thrown.ShouldNotBeNull();

        counter.Office.Payments.Find(key, "k1").Refusal!.Reason.ShouldBe(RefusalReason.NotFound);
    }

    /// <summary>A counter's account and partners: River Bank without a ceiling, Small Bank at 50.00 a payment, Old Bank disabled.</summary>
    private static (Dictionary<string, string> Keys, long Account) Partners(Counter counter)
    {
        var (opening, _) = counter.OpenAccount(Counter.Kwh(10));
        Dictionary<string, string> keys = new(StringComparer.Ordinal)
        {
            ["river"] = counter.Office.Payments.AddPartner(counter.Admin, "River Bank").Value.ApiKey,
            ["small"] = counter.Office.Payments.AddPartner(counter.Admin, "Small Bank", Money.FromUnits(50)).Value.ApiKey,
            ["old"] = counter.Office.Payments.AddPartner(counter.Admin, "Old Bank").Value.ApiKey,
            ["none"] = "",
            ["unknown"] = "pmk_unknown",
        };
        counter.Office.Payments.DisablePartner(counter.Admin, "Old Bank").Success.ShouldBeTrue();
        return (keys, opening.AccountId);
    }

    private static string Key(Dictionary<string, string> keys, string partner) => keys[partner];

    /// <summary>
    /// Posts that take, replay, conflict and are refused for every reason Take knows, in an order where each counts: the
    /// limit's 999 kWh cost 742.20 with the opening's 10 kWh sold this month (190 at 0.50, 809 at 0.80).
    /// </summary>
    private static IEnumerable<(string Partner, PaymentRequest Request)> Posts(CustomerNumber customer, long account)
    {
        var good = new PaymentRequest("k1", customer, null, Money.FromUnits(20), "teller 7");
        yield return ("river", good);
        yield return ("river", good);
        yield return ("river", good with { Customer = null, AccountId = account });
        yield return ("river", good with { Amount = Money.FromUnits(21) });
        yield return ("river", good with { Reference = "" });
        yield return ("unknown", good with { IdempotencyKey = "k2" });
        yield return ("none", good with { IdempotencyKey = "k2" });
        yield return ("old", good with { IdempotencyKey = "k2" });
        yield return ("river", good with { IdempotencyKey = "has space" });
        yield return ("river", good with { IdempotencyKey = "k2", Amount = Money.Zero });
        yield return ("river", good with { IdempotencyKey = "k2", Customer = CustomerNumber.From(999) });
        yield return ("river", good with { IdempotencyKey = "k2", Customer = null, AccountId = account + 99 });
        yield return ("small", good with { IdempotencyKey = "s1", Amount = Money.FromUnits(50.01m) });
        yield return ("small", good with { IdempotencyKey = "s2", Amount = Money.FromUnits(50) });
        yield return ("river", good with { IdempotencyKey = "k3", Amount = Money.FromUnits(742.21m) });
        yield return ("river", good with { IdempotencyKey = "k4", Amount = Money.FromUnits(500) });
        yield return ("river", good with { IdempotencyKey = "k5", Amount = Money.FromUnits(200) });
    }

    private static readonly (string Partner, string Key)[] Finds = [("river", "k1"), ("small", "s2"), ("river", "s2"), ("river", "nothing"), ("unknown", "k1"), ("none", "k1")];

    private static void Same<T>(VendResult<T> actual, VendResult<T> expected, string what)
    {
        actual.Success.ShouldBe(expected.Success, what);
        if (expected.Success)
        {
            actual.Value.ShouldBe(expected.Value, what);
        }
        else
        {
            actual.Refusal.ShouldBe(expected.Refusal, what);
        }
    }

    /// <summary>The payments and the log entries of the payments, as text (the entries' hashes differ: each site has its own key).</summary>
    private static List<string> Books(Counter counter)
    {
        using var connection = counter.Database.Open();
        var payments = connection.Query<(long, long, string, long, long, string, string, string)>(
            "SELECT id, partner_id, idempotency_key, account_id, amount, reference, status, received_at FROM payments ORDER BY id").Select(p => p.ToString());
        var entries = connection.Query<(long, string, string, string, string, string, string)>(
            "SELECT seq, at, operator, action, subject, detail, covers FROM operation_log WHERE action = 'payment' ORDER BY seq").Select(e => e.ToString());
        return [.. payments, .. entries];
    }
}
