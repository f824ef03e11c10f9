using BenchmarkDotNet.Attributes;
using Dapper;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Benchmarks.Vending;

/// <summary>
/// A sale on SQLite with the in-memory reader (read and verify the card, price, record pending, write and
/// read back the card, commit with receipt and log entry), against the ceiling of issue 4: the same SQLite
/// file and durability (WAL, synchronous=FULL) doing a bare insert-and-commit of the rows a sale leaves —
/// its sale row, the meter reading from the return-write, the log entry, the account's purchase count and
/// the receipt counter — in the same tables with their indexes, through the same connection pool.
/// Target: a sale at ≥ 50% of the ceiling's rate. A sale must commit twice (the pending row is durable
/// before the card is touched, DESIGN.md §6), so <see cref="BareTwoCommits"/> shows that floor: the same
/// rows with the pending row committed first. <see cref="SaleStatements"/> sends a sale's own SQL with next to
/// nothing around it (no card, no checks, no pricing; only the log entry's hash): what the statements alone cost. Between sales the
/// card gets the return-write a meter would write, so every sale does the same work.
/// </summary>
public class SaleBenchmarks
{
    private TempFolder _folder = null!;
    private SqliteVendingDatabase _database = null!;
    private BackOffice _office = null!;
    private OperatorSession _session = null!;
    private InMemoryCardReader _reader = null!;
    private long _ceilingRow;
    private string _pendingImage = "";
    private long _purchase;
    private readonly AuditKey _key = AuditKey.Generate();

    private static string Stamp => "2026-11-23T00:00:00.0000000Z";

    /// <summary>What a sale's log entry carries besides its text: the digests of the account, the sale and the site row.</summary>
    private const string CoversOfASale = "accounts 1 0123456789abcdef0123456789abcdef\nsales 1 0123456789abcdef0123456789abcdef\nsite 1 0123456789abcdef0123456789abcdef\n";

    [GlobalSetup]
    public void Setup()
    {
        _folder = new TempFolder();
        _database = new SqliteVendingDatabase(_folder.File("bench.db"));
        _office = new BackOffice(_database, new BackOfficeOptions { PasswordIterations = 1_000, AuditKey = _key });
        var site = BenchSite.Create(_office);
        _session = site.Session;
        _reader = site.OpenAccount("bench", MeterNumber.From(12345678));
        // The ceiling's rows continue the books the set-up left (receipt numbers, log sequence, meter times).
        using var connection = _database.Open();
        _ceilingRow = connection.ExecuteScalar<long>("SELECT MAX(seq) FROM operation_log");
        _pendingImage = Convert.ToHexString(_reader.Card!.Memory);
        _purchase = connection.ExecuteScalar<long>("SELECT purchase_count FROM accounts WHERE id = 1");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    [Benchmark(Baseline = true)]
    public long BareInsertAndCommit()
    {
        using var connection = _database.Open();
        using var transaction = _database.BeginWrite(connection);
        InsertSaleRows(connection, transaction);
        transaction.Commit();
        return _ceilingRow;
    }

    [Benchmark]
    public long BareTwoCommits()
    {
        using var connection = _database.Open();
        long pending;
        using (var first = _database.BeginWrite(connection))
        {
            pending = connection.ExecuteScalar<long>(
                "INSERT INTO card_writes (operation, account_id, card_serial, previous_image, intended_image, settle, operator, created_at) VALUES ('sale', 1, 1, @image, @image, '{}', 'admin', @at) RETURNING id",
                new { image = _pendingImage, at = Stamp }, first);
            first.Commit();
        }

        using var second = _database.BeginWrite(connection);
        connection.Execute("DELETE FROM card_writes WHERE id = @pending", new { pending }, second);
        InsertSaleRows(connection, second);
        second.Commit();
        return _ceilingRow;
    }

    [Benchmark]
    public long? Sale()
    {
        var receipt = _office.Sales.SellAsync(_session, _reader, PurchaseRequest.ForEnergy(Energy.FromKilowattHours(1))).GetAwaiter().GetResult();
        BenchSite.Swipe(_reader, Some.Moment);
        return receipt.Value.ReceiptNumber;
    }

    /// <summary>
    /// A sale's statements as the back office sends them on SQLite, in its two transactions, with the values of the
    /// bench's account: the groups; the account on the card, the reading, the price, the pending sale, the card write,
    /// commit; the card write's delete, the sale, the account, the receipt and log entry, the sale's receipt, commit.
    /// The reading and the receipt with its log entry go through the back office's own code (CardInspector.RecordReading,
    /// WriteScope.LogReceipt — the log hash is the one piece of the sale's own work kept); the rest are the statements
    /// of SaleRecords, CardWriter and Settlements, whose methods also encode and check.
    /// </summary>
    [Benchmark]
    public long SaleStatements() => SendSaleStatements(saleRowAtSettlement: false);

    /// <summary>
    /// What-if, for issue 4's owner (the books do not work this way): the same statements with the sale row written
    /// once, committed, at settlement — its data riding in the card write meanwhile — instead of inserted pending and
    /// then read back and updated. Two statements and the pending row's index pages fewer.
    /// </summary>
    [Benchmark]
    public long SaleStatementsSaleRowAtSettlement() => SendSaleStatements(saleRowAtSettlement: true);

    private long SendSaleStatements(bool saleRowAtSettlement)
    {
        _purchase++;
        // Now, as a sale stamps it: the price in force is looked up at this moment.
        var now = TimeProvider.System.GetUtcNow();
        using (var groups = _database.Open())
        {
            groups.Query<GroupRow>("SELECT * FROM supply_groups ORDER BY code").AsList();
        }

        using var connection = _database.Open();
        AccountOnCard account;
        long? sale = null;
        long price;
        long pending;
        using (var first = _database.BeginWrite(connection))
        {
            var scope = new WriteScope(_database, connection, first, now, "admin", _key);
            account = scope.First<AccountOnCard>(AccountOnCard.Select + " WHERE a.card_serial = @serial AND a.status = 'open'", new { serial = 1L })!;
            var loaded = PurchaseCount.From(checked((uint)(_purchase - 1)));
            CardInspector.RecordReading(scope, new ReturnWriteBlock(
                MeterNumber.From(12345678), loaded, new CreditAmount(CreditUnit.Energy, 100), Energy.Zero, ReturnWriteStatus.PurchaseLoaded, Some.Moment.AddSeconds(_purchase)),
                ReadingSource.ReturnWrite);
            // The whole row, as PriceService.InForce reads it (the tariff it compiles from it is the sale's work, not SQL).
            price = (long)connection.QueryFirst(
                "SELECT * FROM price_versions WHERE price_type_id = @priceTypeId AND effective_from <= @at ORDER BY effective_from DESC LIMIT 1",
                new { priceTypeId = account.PriceTypeId, at = scope.Stamp }, first).id;
            if (!saleRowAtSettlement)
            {
                sale = InsertSale(scope, account, "pending", null, price);
            }

            pending = scope.Scalar<long>(
                """
                INSERT INTO card_writes (operation, account_id, sale_id, card_serial, previous_image, intended_image, settle, operator, created_at)
                SELECT 'sale', @Id, @sale, 1, @image, @image, '{"GroupCode":"100001"}', 'admin', @at
                WHERE NOT EXISTS (SELECT 1 FROM card_writes WHERE account_id = @Id)
                  AND NOT EXISTS (SELECT 1 FROM card_writes WHERE card_serial = 1)
                RETURNING id
                """,
                new { account.Id, sale, image = _pendingImage, at = scope.Stamp });
            first.Commit();
        }

        using var second = _database.BeginWrite(connection);
        var settle = new WriteScope(_database, connection, second, now, "admin", _key);
        settle.Execute("DELETE FROM card_writes WHERE id = @pending", new { pending });
        var (accountId, meterId, count) = (account.Id, account.MeterId, _purchase);
        if (sale is { } written)
        {
            // As Settlements does: the account is moved on from the sale it reads back.
            var row = settle.First<SaleRow>(SaleRow.Select + " WHERE s.id = @written", new { written })!;
            (accountId, meterId, count) = (row.AccountId, row.MeterId, row.PurchaseCount);
        }

        settle.ExecuteCovered(AuditedTable.Accounts,
            "UPDATE accounts SET purchase_count = @count, arrears = arrears - @arrears, status = 'open', meter_id = @meterId, version = version + 1 WHERE id = @accountId",
            new { count, arrears = 0L, meterId, accountId });
        var receipt = settle.LogReceipt("sale", $"account {accountId}", number => $"receipt {number}, purchase {count}: credit 1.00 kWh");
        if (sale is { } settled)
        {
            settle.ExecuteCovered(AuditedTable.Sales, "UPDATE sales SET status = 'committed', receipt_no = @receipt, settled_at = @at WHERE id = @settled", new { receipt, at = settle.Stamp, settled });
        }
        else
        {
            settle.Cover(AuditedTable.Sales, InsertSale(settle, account, "committed", receipt, price));
        }

        // The log entry with the digests of the rows the sale leaves, as the back office writes it before commit.
        settle.Flush();
        second.Commit();
        return receipt;
    }

    private long InsertSale(WriteScope scope, AccountOnCard account, string status, long? receipt, long price) =>
        scope.Scalar<long>(
            """
            INSERT INTO sales (account_id, meter_id, kind, status, purchase_count, card_serial, credit_unit, credit, energy, money, arrears_collected,
                               price_version_id, replaces_sale_id, operator, created_at, receipt_no, settled_at)
            VALUES (@Id, @MeterId, 'sale', @status, @count, 1, 'energy', 100, 100, 50, 0, @price, NULL, 'admin', @at, @receipt, @settledAt) RETURNING id
            """,
            new { account.Id, account.MeterId, status, count = _purchase, price, at = scope.Stamp, receipt, settledAt = receipt is null ? null : scope.Stamp });

    // The rows one sale leaves, as bare statements: no card, no checks, no hashing.
    private void InsertSaleRows(System.Data.IDbConnection connection, System.Data.IDbTransaction transaction)
    {
        _ceilingRow++;
        var row = new { n = _ceilingRow, at = Stamp, time = $"2027-{_ceilingRow:D12}", covers = CoversOfASale };
        connection.Execute(
            "INSERT INTO sales (account_id, meter_id, kind, status, purchase_count, card_serial, credit_unit, credit, energy, money, arrears_collected, operator, created_at, settled_at, receipt_no) VALUES (1, 1, 'sale', 'committed', @n, 1, 'energy', 100, 100, 50, 0, 'admin', @at, @at, @n + 1000000)",
            row, transaction);
        connection.Execute(
            "INSERT INTO readings (meter_id, source, loaded_count, remaining, credit_unit, cumulative_energy, status, meter_time, recorded_at, operator) VALUES (1, 'returnwrite', @n, 100, 'energy', 0, 1, @time, @at, 'admin')",
            row, transaction);
        connection.Execute(
            "INSERT INTO operation_log (seq, at, operator, action, subject, detail, covers, prev_hash, hash, mac) VALUES (@n, @at, 'admin', 'sale', 'account 1', 'receipt, purchase and amounts', @covers, 'prev-hash-of-sixty-four-hex-digits', 'this-hash-of-sixty-four-hex-digits', 'hmac-sha256')",
            row, transaction);
        connection.Execute("UPDATE accounts SET version = version + 1 WHERE id = 1", transaction: transaction);
        connection.Execute("UPDATE site SET next_receipt = next_receipt + 1 WHERE id = 1", transaction: transaction);
    }
}
