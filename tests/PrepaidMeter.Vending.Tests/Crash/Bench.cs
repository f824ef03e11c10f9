using Dapper;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>
/// One sweep's counter: one database for all its cases (a new database per case would cost a PostgreSQL server a
/// quarter of a second each), the counter's reader behind a hand that can pull the card, a second reader for
/// two-card operations, and the back office of whichever process is running now. Disposing it disposes the counter,
/// which verifies the whole audit once more.
/// </summary>
internal sealed class Bench : IDisposable
{
    private ulong _meters = 30_000_000;
    private string? _partnerKey;
    private int _numbers;

    public Bench(Store store)
    {
        Store = store;
        Counter = new Counter(store);
        Office = Counter.Office;
        Pulling = new PullingReader(Counter.Reader);
    }

    public Store Store { get; }

    public Counter Counter { get; }

    public OperatorSession Admin => Counter.Admin;

    /// <summary>The back office of the process running now: the counter's own at first, then each case's restarted one.</summary>
    public BackOffice Office { get; private set; }

    /// <summary>The counter's reader, as the operation sees it.</summary>
    public PullingReader Pulling { get; }

    /// <summary>The reader of the second card in a two-card operation.</summary>
    public InMemoryCardReader OtherReader { get; } = new("other");

    /// <summary>A process that runs the operation and calls <paramref name="afterStep"/> after each step of its card write.</summary>
    public BackOffice Process(Action<CardWriteStep> afterStep) => new(Counter.Database, Options(afterStep));

    /// <summary>A new process on the same books, as one started after a crash opens them: same site key, same clock, no hook.</summary>
    public BackOffice Restart() => Office = new BackOffice(Counter.Database, Options(null));

    public void Insert(MemoryCard card) => Counter.Insert(card);

    public MemoryCard InsertBlank() => Counter.InsertBlank();

    public void InsertOther(MemoryCard card)
    {
        OtherReader.Remove();
        OtherReader.Insert(card);
    }

    public MeterResult Swipe(MemoryCard card, MeterNumber meter) => Counter.Swipe(card, meter).Result;

    public long Remaining(MeterNumber meter) => Counter.MeterOf(meter).Snapshot().Remaining.Hundredths;

    public static CardRecord Read(MemoryCard card) => Counter.Layout.Decode(card.Memory, Testing.Some.Keys).GetRecordOrThrow();

    /// <summary>A new meter from stock, configured by a set card written at the counter.</summary>
    public async Task<MeterNumber> NewMeterAsync()
    {
        var number = MeterNumber.From(++_meters);
        Office.Meters.StockIn(Admin, number, Counter.Group, "").Refusal.ShouldBeNull();
        var set = InsertBlank();
        (await Office.Cards.IssueToolCardAsync(Admin, Counter.Reader, CardKind.Set, Counter.Group, number)).Refusal.ShouldBeNull();
        Swipe(set, number).ShouldBe(MeterResult.Configured);
        return number;
    }

    /// <summary>An account on a new meter, its first purchase (10 kWh) loaded; the user card is out of the readers.</summary>
    public async Task<Subject> NewAccountAsync()
    {
        var meter = await NewMeterAsync();
        var card = InsertBlank();
        var opened = await Office.Accounts.OpenAsync(Admin, Counter.Reader, Counter.Customer, meter, Counter.Residential, Counter.Kwh(10));
        opened.Refusal.ShouldBeNull();
        Swipe(card, meter).ShouldBe(MeterResult.Loaded);
        return new Subject { AccountId = opened.Value.AccountId, Meter = meter, UserCard = card };
    }

    /// <summary>The next operation after a case: a sale on the account's live card, which then loads at its meter.</summary>
    public async Task SellAndLoadAsync(Subject subject, decimal kwh = 5)
    {
        Insert(subject.UserCard);
        (await Office.Sales.SellAsync(Admin, Counter.Reader, Counter.Kwh(kwh))).Refusal.ShouldBeNull("the next sale");
        Swipe(subject.UserCard, subject.Meter).ShouldBe(MeterResult.Loaded);
    }

    /// <summary>A partner's payment for the account, waiting to be written to its card.</summary>
    public void TakePayment(Subject subject, string key)
    {
        _partnerKey ??= Office.Payments.AddPartner(Admin, "River Bank").Value.ApiKey;
        Office.Payments.Take(_partnerKey, new PaymentRequest(key, null, subject.AccountId, Money.FromUnits(10m), "")).Refusal.ShouldBeNull();
    }

    /// <summary>A number not handed out before on this bench (for idempotency keys).</summary>
    public int NextNumber() => ++_numbers;

    /// <summary>The old and new images of the one pending card write.</summary>
    public (byte[] Previous, byte[] Intended) PendingImages()
    {
        using var connection = Counter.Database.Open();
        var row = connection.QuerySingle<(string Previous, string Intended)>("SELECT previous_image, intended_image FROM card_writes");
        return (Convert.FromHexString(row.Previous), Convert.FromHexString(row.Intended));
    }

    public T Scalar<T>(string sql, object? parameters = null)
    {
        using var connection = Counter.Database.Open();
        return connection.ExecuteScalar<T>(sql, parameters)!;
    }

    /// <summary>
    /// Runs a sweep on a new bench. A failed case has said what failed; the counter's audit on dispose is then left out,
    /// as an exception from it would replace the case's message with a less telling one.
    /// </summary>
    public static async Task RunAsync(Store store, Func<Bench, Task> sweep)
    {
        using var bench = new Bench(store);
        try
        {
            await sweep(bench);
        }
        catch (SweepCaseFailed)
        {
            bench.Counter.Tampered = true;
            throw;
        }
    }

    public void Dispose() => Counter.Dispose();

    private BackOfficeOptions Options(Action<CardWriteStep>? afterStep) =>
        new() { Time = Counter.Time, AuditKey = Counter.AuditKey, PasswordIterations = 1_000, SettleAttempts = 1, AfterStep = afterStep };
}
