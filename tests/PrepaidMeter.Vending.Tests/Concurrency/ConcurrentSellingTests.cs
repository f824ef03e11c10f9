using Dapper;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tests.Concurrency;

/// <summary>
/// Several counters selling at once, each with its own back office, connections and reader, on the
/// same books. A customer's card may be copied to two counters at once; whatever the interleaving,
/// exactly one sale takes each purchase count, receipts stay unique and gap-free, and the report's
/// totals equal the receipts.
/// </summary>
public sealed class ConcurrentSellingTests
{
    public static TheoryData<Store, int> Counters => new()
    {
        { Store.Postgres, 2 }, { Store.Postgres, 8 }, { Store.Postgres, 32 },
        { Store.Sqlite, 2 }, { Store.Sqlite, 8 }, { Store.Sqlite, 32 },
    };

    [Theory]
    [MemberData(nameof(Counters))]
    public async Task ManyCounters_OverlappingAccounts_NoLostOrDoubledPurchaseAndGapFreeReceipts(Store store, int counters)
    {
        using var site = new SellingSite(store, accounts: 5);
        const int salesPerCounter = 6;

        // Each counter on a thread of its own, as a counter program is: the back office blocks on its database calls,
        // and 32 of them queued on a two-core machine's thread pool would wait seconds for threads — long enough for a
        // connection's open to time out while the pool is starved — which would test the pool, not the books.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, counters).Select(c => Task.Factory.StartNew(() =>
        {
            var desk = site.NewDesk();
            var results = new List<VendResult<Receipt>>();
            for (var i = 0; i < salesPerCounter; i++)
            {
                results.Add(desk.SellAsync((c + i) % site.Accounts.Count, Counter.Kwh(1 + ((c + i) % 7))).GetAwaiter().GetResult());
            }

            return results;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

        var all = outcomes.SelectMany(r => r).ToList();
        all.Where(r => !r.Success).Select(r => r.Refusal!.Reason).ShouldAllBe(reason => reason == RefusalReason.Unsettled || reason == RefusalReason.CardRefused);
        var sold = all.Where(r => r.Success).Select(r => r.Value).ToList();
        sold.Count.ShouldBeGreaterThan(0);
        site.CheckBooks(sold);
    }

    [Theory, BothStores]
    public async Task TwoCounters_SameCardSameMoment_ExactlyOneSaleTheOtherRefusedSayingWhy(Store store)
    {
        using var site = new SellingSite(store, accounts: 1);
        var (left, right) = (site.NewDesk(), site.NewDesk());
        var sold = new List<Receipt>();
        for (var round = 0; round < 12; round++)
        {
            // Both counters hold the same card image and press "sell" together.
            var image = site.SwipedCard(0);
            using var start = new Barrier(2);
            var results = await Task.WhenAll(
                Task.Run(() => { start.SignalAndWait(); return left.SellCopyAsync(0, image, Counter.Kwh(2)); }),
                Task.Run(() => { start.SignalAndWait(); return right.SellCopyAsync(0, image, Counter.Kwh(3)); }));

            results.Count(r => r.Success).ShouldBe(1, $"round {round}: exactly one of two sales at the same moment goes through");
            var refused = results.Single(r => !r.Success).Refusal!;
            refused.Reason.ShouldBeOneOf(RefusalReason.Unsettled, RefusalReason.CardRefused);
            refused.Message.ShouldMatch("card write in progress|an old copy of card", customMessage: refused.Message);
            sold.Add(results.Single(r => r.Success).Value);
        }

        sold.Select(r => (long)r.PurchaseCount.Value).ShouldBe(Enumerable.Range(2, 12).Select(n => (long)n));
        site.CheckBooks(sold);
    }

    /// <summary>A site with accounts whose cards pass between counters and meters; the meters are swiped under one lock.</summary>
    private sealed class SellingSite : IDisposable
    {
        private readonly Counter _counter;
        private readonly Lock _cards = new();
        private readonly byte[][] _images;
        private readonly List<Receipt> _openings = [];

        public SellingSite(Store store, int accounts)
        {
            _counter = new Counter(store);
            var meters = Enumerable.Range(0, accounts).Select(i => MeterNumber.From(20_000_000UL + (ulong)i)).ToList();
            foreach (var meter in meters)
            {
                _counter.Office.Meters.StockIn(_counter.Admin, meter, Counter.Group, "").Value.ShouldNotBeNull();
            }

            _images = new byte[accounts][];
            Accounts = meters;
            for (var i = 0; i < accounts; i++)
            {
                var (receipt, card) = _counter.OpenAccount(Counter.Kwh(1), meters[i]);
                _openings.Add(receipt);
                _images[i] = card.Memory.ToArray();
            }
        }

        public List<MeterNumber> Accounts { get; }

        /// <summary>A counter of its own: its own back office on the same books (so its own connections) and its own reader.</summary>
        public Desk NewDesk() => new(this, new BackOffice(VendingDatabase.Connect(_counter.DatabaseOption),
            new BackOfficeOptions { Time = _counter.Time, PasswordIterations = 1_000, SettleAttempts = 1, AuditKey = _counter.AuditKey }));

        /// <summary>The account's card as it is now, swiped at its meter first if it carries a purchase not yet loaded.</summary>
        public byte[] SwipedCard(int account)
        {
            lock (_cards)
            {
                var card = new MemoryCard(_images[account], Some.Keys.Psc.Span);
                _counter.Swipe(card, Accounts[account]);
                _images[account] = card.Memory.ToArray();
                return _images[account];
            }
        }

        /// <summary>The card a sale wrote becomes the customer's card (a refused sale leaves the copy as it was).</summary>
        public void Keep(int account, byte[] image)
        {
            lock (_cards)
            {
                _images[account] = image;
            }
        }

        /// <summary>No lost sale, no purchase count twice or skipped, receipts unique and gap-free, report totals = receipts, log intact.</summary>
        public void CheckBooks(List<Receipt> sold)
        {
            using var connection = _counter.Database.Open();
            var committed = connection.Query<(long Receipt, long Account, long Count, long Money)>(
                "SELECT receipt_no, account_id, purchase_count, money FROM sales WHERE status = 'committed' ORDER BY receipt_no").ToList();
            committed.Count.ShouldBe(_openings.Count + sold.Count, "every sale a counter was told succeeded is in the books, and nothing else");
            committed.Select(s => s.Receipt).ShouldBe(Enumerable.Range(1, committed.Count).Select(n => (long)n), "receipt numbers are unique and gap-free");
            sold.Select(r => r.ReceiptNumber).Order().ShouldBe(committed.Select(s => (long?)s.Receipt).Where(n => n > _openings.Count));
            foreach (var account in committed.GroupBy(s => s.Account))
            {
                account.Select(s => s.Count).Order().ShouldBe(Enumerable.Range(1, account.Count()).Select(n => (long)n), $"account {account.Key}: each purchase count once, none skipped");
                connection.ExecuteScalar<long>("SELECT purchase_count FROM accounts WHERE id = @id", new { id = account.Key }).ShouldBe(account.Count());
            }

            var report = _counter.Office.Reports.Sales(_counter.Admin, ReportPeriod.Yearly, new ReportFilter()).Value;
            report.Totals![report.Column("money")].Number.ShouldBe(committed.Sum(s => s.Money), "the report's total is the sum of the receipts");
        }

        public void Dispose() => _counter.Dispose();

        internal sealed class Desk(SellingSite site, BackOffice office)
        {
            private readonly InMemoryCardReader _reader = new("desk");
            private readonly Vending.Security.OperatorSession _session = office.Operators.Login("admin", Counter.Password).Value;

            public Task<VendResult<Receipt>> SellAsync(int account, PurchaseRequest request) => SellCopyAsync(account, site.SwipedCard(account), request);

            public async Task<VendResult<Receipt>> SellCopyAsync(int account, byte[] image, PurchaseRequest request)
            {
                var card = new MemoryCard(image, Some.Keys.Psc.Span);
                _reader.Remove();
                _reader.Insert(card);
                var sold = await office.Sales.SellAsync(_session, _reader, request);
                if (sold.Success)
                {
                    site.Keep(account, card.Memory.ToArray());
                }

                return sold;
            }
        }
    }
}
