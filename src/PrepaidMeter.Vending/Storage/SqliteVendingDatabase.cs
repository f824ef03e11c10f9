using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// One SQLite file: WAL so readers never block the counter, foreign keys on, synchronous=FULL so a
/// committed sale survives a power cut (the benchmark's ceiling uses the same setting).
/// </summary>
public sealed class SqliteVendingDatabase : VendingDatabase
{
    // The pool hands back the same native handle under a new SqliteConnection, and the per-connection
    // pragmas stay set on it: run them once per handle, not on every open (three statements a sale saved
    // four times over; tools/bench.sh '*SaleBenchmarks*').
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Prepared = [];
    private readonly string _connectionString;

    public SqliteVendingDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public override string Describe => Path;

    protected override string IdentityColumn => "INTEGER PRIMARY KEY";

    public bool Exists => File.Exists(Path);

    protected override void EnableConcurrentReaders(System.Data.IDbConnection connection) => connection.Execute("PRAGMA journal_mode = WAL");

    protected override bool HasTable(System.Data.IDbConnection connection, string name) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name", new { name }) > 0;

    public override DbConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // journal_mode is stored in the file (set once by Migrate); the others hold per connection.
            if (connection.Handle is { } handle && !Prepared.TryGetValue(handle, out _))
            {
                connection.Execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;");
                Prepared.AddOrUpdate(handle, handle);
            }

            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new VendingStorageException($"cannot open the database {Path}: {e.Message}", e);
        }
    }

    // BEGIN IMMEDIATE: the write lock is taken at the start, so a read-check-write is never interleaved.
    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override void BackupTo(string path)
    {
        using var source = (SqliteConnection)Open();
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        destination.Open();
        source.BackupDatabase(destination);
    }

    public override string? RestoreFrom(string path)
    {
        if (!File.Exists(path))
        {
            return $"no backup file '{path}'";
        }

        var backup = new SqliteVendingDatabase(path);
        try
        {
            var version = backup.SchemaVersion();
            if (version == 0)
            {
                return $"'{path}' is not a prepaid back-office backup";
            }
        }
        catch (Exception e) when (e is VendingStorageException or SqliteException)
        {
            return $"'{path}' is not a prepaid back-office backup: {e.Message}";
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }

        // The online backup API copies page by page into the live file, so open readers see old or new, never half.
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString()))
        using (var destination = (SqliteConnection)Open())
        {
            source.Open();
            source.BackupDatabase(destination);
        }

        SqliteConnection.ClearAllPools();
        return null;
    }
}
