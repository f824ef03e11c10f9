using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Tests.Keypad;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tests.Concurrency;

/// <summary>
/// Two counters, each with its own back office and connections on the same books, selling tokens to one token meter at
/// once, and opening one DRN at once (docs/vending.md, "Keypad tokens", S4, A1): every token a distinct TID, the meter's last
/// TID the highest; one account per DRN.
/// </summary>
public sealed class ConcurrentTokenSellingTests
{
    [Theory, BothStores]
    public async Task TwoCounters_ManySalesToOneTokenMeter_EveryTidDistinct(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();
        const int salesPerCounter = 15;

        // Each counter on a thread of its own (as ConcurrentSellingTests says why); the clock stands still, so every TID
        // after the first is a same-minute bump from the last the books hold — the case a lost update would duplicate.
        using var start = new Barrier(2);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            var office = Desk(counter);
            var session = office.Operators.Login("admin", Counter.Password).Value;
            start.SignalAndWait();
            return Enumerable.Range(0, salesPerCounter).Select(i => office.Tokens.Sell(session, account, Counter.Kwh(1 + (i % 3)))).ToList();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

        var all = outcomes.SelectMany(o => o).ToList();
        all.ShouldAllBe(r => r.Success, string.Join("; ", all.Where(r => !r.Success).Select(r => r.Refusal!.Message)));
        var tids = all.Select(r => r.Value.Token!.Tid!.Value).ToList();
        tids.Distinct().Count().ShouldBe(2 * salesPerCounter, "two tokens for one meter never share a TID");
        using var connection = counter.Database.Open();
        connection.Query<long>("SELECT tid FROM tokens WHERE account_id = @account", new { account }).Order().ShouldBe(tids.Select(t => (long)t).Order());
        counter.Office.Tokens.Meter(counter.Admin, account).Value.LastTid.ShouldBe(tids.Max());
        connection.ExecuteScalar<long>("SELECT purchase_count FROM accounts WHERE id = @account", new { account }).ShouldBe(2 * salesPerCounter);
    }

    [Theory, BothStores]
    public async Task TwoCounters_OpenOneDrnAtOnce_ExactlyOneAccount(Store store)
    {
        using var counter = new Counter(store);
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Both, TokenCounter.Key()).Refusal.ShouldBeNull();
        for (var round = 0; round < 6; round++)
        {
            var meters = new[] { MeterNumber.From(30_000_000UL + (ulong)(2 * round)), MeterNumber.From(30_000_001UL + (ulong)(2 * round)) };
            foreach (var meter in meters)
            {
                counter.Office.Meters.StockIn(counter.Admin, meter, Counter.Group, "").Value.ShouldNotBeNull();
            }

            var drn = Drn(round);
            using var start = new Barrier(2);
            var results = await Task.WhenAll(meters.Select(meter => Task.Factory.StartNew(() =>
            {
                var office = Desk(counter);
                var session = office.Operators.Login("admin", Counter.Password).Value;
                start.SignalAndWait();
                return office.Tokens.Open(session, counter.Customer, meter, counter.Residential, drn);
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

            results.Count(r => r.Success).ShouldBe(1, $"round {round}: one account per open DRN");
            var winner = results.Single(r => r.Success).Value.AccountId;
            results.Single(r => !r.Success).Refusal!.Message.ShouldBe($"DRN {drn} is the meter of open account {winner}");
        }
    }

    /// <summary>Another counter: its own back office on the same books (so its own connections).</summary>
    private static BackOffice Desk(Counter counter) => new(VendingDatabase.Connect(counter.DatabaseOption),
        new BackOfficeOptions { Time = counter.Time, PasswordIterations = 1_000, SettleAttempts = 1, AuditKey = counter.AuditKey });

    /// <summary>A DRN of its round: 10 digits and their Luhn check.</summary>
    private static string Drn(int round)
    {
        var body = (1_000_000_000L + round).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sum = body.Reverse().Select((c, i) => (c - '0') * (i % 2 == 0 ? 2 : 1)).Sum(d => d > 9 ? d - 9 : d);
        return body + ((10 - (sum % 10)) % 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
