using System.Data.Common;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Reports;

/// <summary>
/// Writes history straight into the books — customers on their lines, installed meters, open accounts,
/// committed receipts, meter readings, branch summary meters and their readings — bypassing cards. It exists
/// to give reports and analytics a district to work on (tests with known numbers, benchmarks at a city's
/// scale, demos); the counter never uses it. One transaction; the site's receipt, customer and card-serial
/// counters are moved past what it wrote, so the back office carries on. <see cref="Open"/> writes beside the
/// operation log (books for benchmarks and tests, which are never audited); the back office's
/// <c>DistrictService</c> runs it inside a logged, audited write, as <c>prepaid vend district</c> does.
/// </summary>
public sealed class DistrictWriter : IDisposable
{
    private const string Writer = "district";
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly string _group;
    private readonly long _priceType;
    private readonly string _model;
    private readonly bool _ownsTransaction;
    private long _customer;
    private long _meter;
    private long _account;
    private long _sale;
    private long _receipt;
    private long _reading;
    private long _serial;
    private readonly Dictionary<long, long> _purchaseCounts = [];
    private bool _done;

    private DistrictWriter(DbConnection connection, DbTransaction transaction, string group, long priceType, string model, bool ownsTransaction)
    {
        _connection = connection;
        _transaction = transaction;
        _group = group;
        _priceType = priceType;
        _model = model;
        _ownsTransaction = ownsTransaction;
        long Max(string sql) => connection.ExecuteScalar<long?>(sql, transaction: transaction) ?? 0;
        _customer = Max("SELECT MAX(id) FROM customers");
        _meter = Max("SELECT MAX(id) FROM meters");
        _account = Max("SELECT MAX(id) FROM accounts");
        _sale = Max("SELECT MAX(id) FROM sales");
        _receipt = Max("SELECT next_receipt FROM site") - 1;
        _reading = Max("SELECT MAX(id) FROM readings");
        _serial = Max("SELECT next_card_serial FROM site") - 1;
        Started = new DistrictIds(_customer, _meter, _account, _sale);
    }

    /// <summary>The last ids before this writer wrote (what it writes comes after them).</summary>
    internal DistrictIds Started { get; }

    /// <summary>The last ids it has written.</summary>
    internal DistrictIds Written => new(_customer, _meter, _account, _sale);

    /// <summary>Opens a writer on an initialised database, for customers of <paramref name="group"/> on price type <paramref name="priceType"/>.</summary>
    public static DistrictWriter Open(VendingDatabase database, SupplyGroupCode group, long priceType)
    {
        ArgumentNullException.ThrowIfNull(database);
        var connection = database.Open();
        var transaction = database.BeginWrite(connection);
        var model = connection.ExecuteScalar<string>("SELECT meter_model FROM supply_groups WHERE code = @code", new { code = group.ToString() }, transaction)
            ?? throw new InvalidOperationException($"No supply group {group}.");
        return new DistrictWriter(connection, transaction, group.ToString(), priceType, model, ownsTransaction: true);
    }

    /// <summary>A writer inside a transaction someone else commits (the back office's logged write).</summary>
    internal static DistrictWriter Within(DbConnection connection, DbTransaction transaction, SupplyGroupCode group, long priceType)
    {
        var model = connection.ExecuteScalar<string>("SELECT meter_model FROM supply_groups WHERE code = @code", new { code = group.ToString() }, transaction)
            ?? throw new InvalidOperationException($"No supply group {group}.");
        return new DistrictWriter(connection, transaction, group.ToString(), priceType, model, ownsTransaction: false);
    }

    /// <summary>A customer with an installed meter and an open account opened at <paramref name="at"/>; the account id and the meter's id.</summary>
    public (long Account, long MeterId, MeterNumber Meter) AddCustomer(string name, string region, string line, string area, string category, DateTimeOffset at) =>
        AddCustomer(name, region, line, area, category, at, null);

    /// <summary>As the other, with the meter and account in supply group <paramref name="other"/> (a water group beside the writer's electricity one); null: the writer's.</summary>
    public (long Account, long MeterId, MeterNumber Meter) AddCustomer(string name, string region, string line, string area, string category, DateTimeOffset at, SupplyGroupCode? other)
    {
        var group = other?.ToString() ?? _group;
        var model = other is null ? _model
            : _connection.ExecuteScalar<string>("SELECT meter_model FROM supply_groups WHERE code = @code", new { code = group }, _transaction) ?? throw new InvalidOperationException($"No supply group {group}.");
        var stamp = OperationLog.Stamp(at);
        var customer = ++_customer;
        Execute("INSERT INTO customers (id, number, name, contact, address, region, line, transformer_area, category, created_at) VALUES (@customer, @customer, @name, '', '', @region, @line, @area, @category, @stamp)",
            new { customer, name, region, line, area, category, stamp });
        var meterId = ++_meter;
        var number = MeterNumber.From(checked((ulong)(900_000_000 + meterId)));
        Execute("INSERT INTO meters (id, number, group_code, model, status, stocked_at) VALUES (@meterId, @number, @group, @model, 'installed', @stamp)",
            new { meterId, number = number.ToString(), group, model, stamp });
        Execute("INSERT INTO meter_history (meter_id, at, event, detail, operator) VALUES (@meterId, @stamp, 'install', '', @op)", new { meterId, stamp, op = Writer });
        var account = ++_account;
        Execute("INSERT INTO accounts (id, customer_id, meter_id, price_type_id, group_code, card_serial, purchase_count, arrears, status, opened_at, version) VALUES (@account, @customer, @meterId, @price, @group, @serial, 0, 0, 'open', @stamp, 0)",
            new { account, customer, meterId, price = _priceType, group, serial = ++_serial, stamp });
        return (account, meterId, number);
    }

    /// <summary>A committed receipt: <paramref name="energy"/> sold for <paramref name="money"/> (hundredths each) at <paramref name="at"/>.</summary>
    public void AddSale(long account, long meterId, DateTimeOffset at, long energy, long money, string operatorLogin = "cashier") =>
        AddSale(account, meterId, at, "energy", energy, energy, money, operatorLogin);

    /// <summary>A committed receipt of a group sold by volume: <paramref name="volume"/> m³ (hundredths) for <paramref name="money"/> — its credit, energy 0.</summary>
    public void AddVolumeSale(long account, long meterId, DateTimeOffset at, long volume, long money, string operatorLogin = "cashier") =>
        AddSale(account, meterId, at, "volume", volume, 0, money, operatorLogin);

    private void AddSale(long account, long meterId, DateTimeOffset at, string unit, long credit, long energy, long money, string operatorLogin)
    {
        var count = _purchaseCounts.TryGetValue(account, out var before) ? before + 1
            : _connection.ExecuteScalar<long>("SELECT purchase_count FROM accounts WHERE id = @account", new { account }, _transaction) + 1;
        _purchaseCounts[account] = count;
        var stamp = OperationLog.Stamp(at);
        Execute(
            """
            INSERT INTO sales (id, receipt_no, account_id, meter_id, kind, status, purchase_count, card_serial, credit_unit, credit, energy, money, arrears_collected, operator, created_at, settled_at)
            VALUES (@id, @receipt, @account, @meterId, @kind, 'committed', @count, 0, @unit, @credit, @energy, @money, 0, @op, @stamp, @stamp)
            """,
            new { id = ++_sale, receipt = ++_receipt, account, meterId, kind = count == 1 ? "opening" : "sale", count, unit, credit, energy, money, op = operatorLogin, stamp });
    }

    /// <summary>A reading of the meter's cumulative energy (hundredths of a kWh; of a m³ on a water or gas meter) at <paramref name="at"/>, as a return-write brings it.</summary>
    public void AddReading(long meterId, DateTimeOffset at, long cumulativeEnergy)
    {
        var stamp = OperationLog.Stamp(at);
        Execute(
            """
            INSERT INTO readings (id, meter_id, source, loaded_count, remaining, credit_unit, cumulative_energy, status, meter_time, recorded_at, operator)
            VALUES (@id, @meterId, 'returnwrite', 0, 0, 'energy', @cumulativeEnergy, 0, @stamp, @stamp, @op)
            """,
            new { id = ++_reading, meterId, cumulativeEnergy, stamp, op = Writer });
    }

    /// <summary>A summary meter for a branch; its id. A water or gas main is a summary meter of that utility (electricity is written as NULL, as before step 11).</summary>
    public long AddBranchMeter(BranchKind kind, string branch, string number, Utility utility = Utility.Electricity) =>
        _connection.ExecuteScalar<long>("INSERT INTO branch_meters (branch_kind, branch, number, utility) VALUES (@kind, @branch, @number, @utility) RETURNING id",
            new { kind = Rows.Lower(kind), branch, number, utility = utility == Utility.Electricity ? null : utility.Name() }, _transaction);

    public void AddBranchReading(long branchMeterId, DateTimeOffset at, long cumulativeEnergy) =>
        Execute("INSERT INTO branch_readings (branch_meter_id, at, cumulative_energy) VALUES (@branchMeterId, @at, @cumulativeEnergy)",
            new { branchMeterId, at = OperationLog.Stamp(at), cumulativeEnergy });

    /// <summary>Commits everything written, and moves the site's counters past it.</summary>
    public void Commit()
    {
        if (!_ownsTransaction)
        {
            throw new InvalidOperationException("This writer's transaction is committed by its owner: call Finish.");
        }

        Finish();
        _transaction.Commit();
        _done = true;
    }

    /// <summary>Moves the site's counters past what was written; the transaction stays open.</summary>
    internal void Finish()
    {
        foreach (var (account, count) in _purchaseCounts)
        {
            Execute("UPDATE accounts SET purchase_count = @count WHERE id = @account", new { account, count });
        }

        Execute("UPDATE site SET next_receipt = @receipt, next_customer = @customer, next_card_serial = @serial",
            new { receipt = _receipt + 1, customer = Math.Max(_customer + 1, _connection.ExecuteScalar<long>("SELECT next_customer FROM site", transaction: _transaction)), serial = _serial + 1 });

        // The rows above took their ids from this writer, not from PostgreSQL's identity sequences, which would hand the
        // same ids out again to the next customer, meter, account, sale or reading the counter inserts. SQLite needs
        // nothing: its rowid follows the largest id in the table.
        if (_connection is Npgsql.NpgsqlConnection)
        {
            foreach (var table in new[] { "customers", "meters", "accounts", "sales", "readings" })
            {
                _connection.Execute($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))", transaction: _transaction);
            }
        }
    }

    public void Dispose()
    {
        if (!_ownsTransaction)
        {
            return;
        }

        if (!_done)
        {
            _transaction.Rollback();
        }

        _transaction.Dispose();
        _connection.Dispose();
    }

    private void Execute(string sql, object parameters) => _connection.Execute(sql, parameters, _transaction);
}

/// <summary>The last customer, meter, account and sale ids at a moment of a district's writing.</summary>
internal readonly record struct DistrictIds(long Customer, long Meter, long Account, long Sale);
