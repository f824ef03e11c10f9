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
    private readonly SqliteConnectionPool _pool;

    /// <param name="path">The file.</param>
    /// <param name="copy">
    /// A copy of the books to read only (`--report-db`): opened read-only, so nothing in it changes and a file its reader may
    /// not write is read. Not immutable: a copy still in WAL mode has its last commits in the -wal beside it, which SQLite
    /// reads (keeping its -shm beside it while it does); an immutable open would not see them.
    /// </param>
    public SqliteVendingDatabase(string path, bool copy = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        // Our own pool keeps connections open with their prepared statements; ADO.NET's would finalise them.
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = copy ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        _pool = SqliteConnectionPool.For(connectionString, Path);
    }

    public string Path { get; }

    public override string Describe => Path;

    protected override string IdentityColumn => "INTEGER PRIMARY KEY";

    // SQLite's way to change a constraint is a new table. Foreign keys cannot be switched off inside the step's
    // transaction, so they are deferred: dropping the table leaves the readings pointing nowhere for a moment, and putting
    // the same ids back answers every one of them before the commit checks.
    protected override string BranchKeyByUtility => """
        PRAGMA defer_foreign_keys = ON;
        CREATE TEMPORARY TABLE branch_meters_before AS SELECT id, branch_kind, branch, number FROM branch_meters;
        DROP TABLE branch_meters;
        CREATE TABLE branch_meters (
            id INTEGER PRIMARY KEY,
            branch_kind TEXT NOT NULL,
            branch TEXT NOT NULL,
            number TEXT NOT NULL UNIQUE,
            utility TEXT
        );
        INSERT INTO branch_meters (id, branch_kind, branch, number) SELECT id, branch_kind, branch, number FROM branch_meters_before;
        DROP TABLE branch_meters_before;
        """;

    public bool Exists => File.Exists(Path);

    protected override void EnableConcurrentReaders(System.Data.IDbConnection connection) => connection.Execute("PRAGMA journal_mode = WAL");

    protected override bool HasTable(System.Data.IDbConnection connection, string name) =>
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name", new { name }) > 0;

    public override DbConnection Open() => _pool.Lease();

    /// <summary>Closes every idle pooled connection, so database files can be deleted or replaced.</summary>
    public static void ClearPools()
    {
        SqliteConnectionPool.ClearAll();
        SqliteConnection.ClearAllPools();
    }

    // BEGIN IMMEDIATE: the write lock is taken at the start, so a read-check-write is never interleaved.
    public override DbTransaction BeginWrite(DbConnection connection) => connection.BeginTransaction();

    public override void BackupTo(string path)
    {
        using var source = (SqliteLease)Open();
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        destination.Open();
        source.Inner.BackupDatabase(destination);
    }

    public override (bool Known, string? KeyId) AuditKeyIdOfBackup(string path)
    {
        if (!File.Exists(path))
        {
            return (false, null);
        }

        try
        {
            using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
            backup.Open();
            var hasColumn = backup.ExecuteScalar<long>("SELECT COUNT(*) FROM pragma_table_info('site') WHERE name = 'audit_key_id'") > 0;
            return (true, hasColumn ? backup.ExecuteScalar<string?>("SELECT audit_key_id FROM site WHERE id = 1") : null);
        }
        catch (SqliteException)
        {
            // Not a database of ours: RestoreFrom says so.
            return (false, null);
        }
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
            ClearPools();
        }

        // The online backup API copies page by page into the live file, so open readers see old or new, never half.
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString()))
        using (var destination = (SqliteLease)Open())
        {
            source.Open();
            source.BackupDatabase(destination.Inner);
        }

        ClearPools();
        return null;
    }
}
