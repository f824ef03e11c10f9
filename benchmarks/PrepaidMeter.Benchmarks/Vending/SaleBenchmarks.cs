using BenchmarkDotNet.Attributes;
using Dapper;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Services;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Benchmarks.Vending;

/// <summary>
/// A sale on SQLite with the in-memory reader (read and verify the card, price, record pending, write and
/// read back the card, commit with receipt and log entry), against the ceiling: the same SQLite file and
/// durability (WAL, synchronous=FULL) doing a bare insert-and-commit of the rows a sale leaves (the sale
/// and its log entry). Target (issue 4): a sale at ≥ 50% of the ceiling's rate. Between sales the card
/// gets the return-write a meter would write, so every sale does the same work.
/// </summary>
public class SaleBenchmarks
{
    private readonly CardLayout _layout = CardLayouts.ReferenceV1;
    private TempFolder _folder = null!;
    private SqliteVendingDatabase _database = null!;
    private BackOffice _office = null!;
    private OperatorSession _session = null!;
    private InMemoryCardReader _reader = null!;
    private long _ceilingRow;

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder();
        _database = new SqliteVendingDatabase(_folder.File("bench.db"));
        _office = new BackOffice(_database, new BackOfficeOptions { PasswordIterations = 1_000 });
        _office.Initialise(new SiteInfo("1", "bench", "", "", 4, "memory"), "admin", "admin-pass-1").Value.ToString();
        _session = _office.Operators.Login("admin", "admin-pass-1").Value;
        var group = SupplyGroupCode.From(100001);
        _office.Groups.Add(_session, new SupplyGroupDefinition(group, "g", Convert.ToHexString(Some.GroupSecret), "pm-ref-energy", _layout.Id, CreditUnit.Energy, 0, 0, 2000, 1000, 0, 0));
        var price = _office.Prices.AddType(_session, group, "residential", false, """{"kind":"flat","price":"0.5"}""").Value.Id;
        var customer = _office.Customers.Register(_session, new CustomerDetails("bench", "", "", "", "", "", "")).Value.Number;
        _office.Meters.StockIn(_session, MeterNumber.From(12345678), group, "");
        _reader = new InMemoryCardReader();
        _reader.Insert(new Sle4442Card(_layout.NewImage(), Some.Keys.Psc.Span));
        _office.Accounts.OpenAsync(_session, _reader, customer, MeterNumber.From(12345678), price, PurchaseRequest.ForEnergy(Energy.FromKilowattHours(1))).GetAwaiter().GetResult().Value.ToString();
        Swipe();
        using var connection = _database.Open();
        connection.Execute("CREATE TABLE ceiling (id INTEGER PRIMARY KEY, account_id BIGINT, kind TEXT, status TEXT, credit BIGINT, money BIGINT, operator TEXT, created_at TEXT)");
        connection.Execute("CREATE TABLE ceiling_log (seq BIGINT PRIMARY KEY, at TEXT, operator TEXT, action TEXT, detail TEXT, hash TEXT)");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long BareInsertAndCommit()
    {
        using var connection = _database.Open();
        using var transaction = _database.BeginWrite(connection);
        _ceilingRow++;
        connection.Execute("INSERT INTO ceiling (account_id, kind, status, credit, money, operator, created_at) VALUES (1, 'sale', 'committed', 100, 50, 'admin', '2026-11-23T00:00:00Z')", transaction: transaction);
        connection.Execute("INSERT INTO ceiling_log (seq, at, operator, action, detail, hash) VALUES (@_ceilingRow, '2026-11-23T00:00:00Z', 'admin', 'sale', 'receipt', 'x')", new { _ceilingRow }, transaction);
        transaction.Commit();
        return _ceilingRow;
    }

    [Benchmark]
    public long? Sale()
    {
        var receipt = _office.Sales.SellAsync(_session, _reader, PurchaseRequest.ForEnergy(Energy.FromKilowattHours(1))).GetAwaiter().GetResult();
        Swipe();
        return receipt.Value.ReceiptNumber;
    }

    // What a meter writes back: the purchase is loaded, so the next sale is allowed.
    private void Swipe()
    {
        var card = _reader.Card!;
        var record = _layout.Decode(card.Memory, Some.Keys).GetRecordOrThrow();
        var loaded = record with
        {
            ReturnWrite = new ReturnWriteBlock(record.MeterNumber, record.PurchaseCount, new CreditAmount(CreditUnit.Energy, 100), Energy.Zero, ReturnWriteStatus.PurchaseLoaded, Some.Moment),
        };
        _layout.Encode(loaded, Some.Keys, out var image).ThrowIfRefused();
        _reader.Remove();
        _reader.Insert(new Sle4442Card(image, Some.Keys.Psc.Span));
    }
}
