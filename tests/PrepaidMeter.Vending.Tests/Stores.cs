using System.Reflection;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Storage;
using Xunit.Sdk;

namespace PrepaidMeter.Vending.Tests;

/// <summary>The storage providers every back-office test runs on: one set of tests, two providers.</summary>
public enum Store
{
    Sqlite,
    Postgres,
}

/// <summary>Runs a test once on SQLite and once on PostgreSQL (a real server: tools/test.sh's, or one started for the run).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothStoresAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[Store.Sqlite], [Store.Postgres]];
}

/// <summary>A fresh, empty database of one provider, removed on dispose.</summary>
internal sealed class TestDatabase : IDisposable
{
    private readonly TempFolder? _folder;
    private readonly string? _postgres;
    private readonly bool _ownsPostgres = true;

    /// <summary>A new database of <paramref name="store"/>; or, given <paramref name="postgres"/>, that database (a test's own server), left to its owner.</summary>
    public TestDatabase(Store store, string? postgres = null)
    {
        if (store == Store.Sqlite)
        {
            _folder = new TempFolder();
            Database = new SqliteVendingDatabase(_folder.File("prepaid.db"));
        }
        else
        {
            _ownsPostgres = postgres is null;
            _postgres = postgres ?? PostgresServer.NewSharedDatabase();
            Database = new PostgresVendingDatabase(_postgres);
        }
    }

    public VendingDatabase Database { get; }

    /// <summary>Where the data is, as the CLI's --db takes it.</summary>
    public string Option => _postgres ?? ((SqliteVendingDatabase)Database).Path;

    public void Dispose()
    {
        if (_folder is not null)
        {
            SqliteVendingDatabase.ClearPools();
            _folder.Dispose();
        }
        else if (_ownsPostgres)
        {
            PostgresServer.DropSharedDatabase(_postgres!);
        }
    }
}
