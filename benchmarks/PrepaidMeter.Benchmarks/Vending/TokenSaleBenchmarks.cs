using BenchmarkDotNet.Attributes;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Benchmarks.Vending;

/// <summary>
/// Issue 28's figure: a keypad token sold on SQLite (price, the meter's next TID under its row lock, the token made with
/// its decoder key, sale, token and receipt rows and the log entry in one commit) against a card sale on the same books
/// with the in-memory reader (the card read and verified, the pending row committed, the card written and read back,
/// settled in a second commit; then the meter's return-write, as <see cref="SaleBenchmarks"/> does). Target: the token
/// sale as fast as the card sale without the card's exchanges. The figures are in docs/performance.md.
/// </summary>
public class TokenSaleBenchmarks
{
    private TempFolder folder = null!;
    private SqliteVendingDatabase database = null!;
    private BackOffice office = null!;
    private OperatorSession session = null!;
    private InMemoryCardReader reader = null!;
    private long tokenAccount;

    [GlobalSetup]
    public void Setup()
    {
        folder = new TempFolder();
        database = new SqliteVendingDatabase(folder.File("bench.db"));
        office = new BackOffice(database, new BackOfficeOptions { PasswordIterations = 1_000, AuditKey = PrepaidMeter.Vending.Audit.AuditKey.Generate() });
        var site = BenchSite.Create(office);
        session = site.Session;
        reader = site.OpenAccount("card", MeterNumber.From(12345678));
        var key = new TokenKeyDefinition("0123456789ABCDEF", 2, 1, 1, 255, BaseDate.Year2014, EncryptionAlgorithm.Sta, KeyGeneration.Dkga02);
        tokenAccount = site.OpenTokenAccount("keypad", MeterNumber.From(12345679), "01234567897", key);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteVendingDatabase.ClearPools();
        folder.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long? CardSale()
    {
        var receipt = office.Sales.SellAsync(session, reader, PurchaseRequest.ForEnergy(Energy.FromKilowattHours(1))).GetAwaiter().GetResult();
        BenchSite.Swipe(reader, Some.Moment);
        return receipt.Value?.SaleId;
    }

    [Benchmark]
    public string? TokenSale() => office.Tokens.Sell(session, tokenAccount, PurchaseRequest.ForEnergy(Energy.FromKilowattHours(1))).Value?.Token?.Token;
}
