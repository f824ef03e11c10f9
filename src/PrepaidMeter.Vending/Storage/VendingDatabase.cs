using System.Data;
using System.Data.Common;
using Dapper;

namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// Where the back office keeps its books. The services see only this: open a connection, begin a
/// transaction that serialises writers, back up, restore. SQLite is the embedded default; a server
/// provider implements the same members over the same migrations.
/// </summary>
public abstract class VendingDatabase
{
    // Columns are snake_case, row classes PascalCase.
    static VendingDatabase() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>Where the data lives, for messages ("prepaid.db").</summary>
    public abstract string Describe { get; }

    /// <summary>The column type of a generated primary key.</summary>
    protected abstract string IdentityColumn { get; }

    /// <summary>
    /// Schema step 11's own part: <c>branch_meters</c> without its UNIQUE (branch_kind, branch), with a <c>utility</c>
    /// column (NULL for the rows there were), every row and id kept, <c>branch_readings</c> still referring to them.
    /// </summary>
    protected abstract string BranchKeyByUtility { get; }

    /// <summary>An open connection, configured (foreign keys, durability, busy wait).</summary>
    public abstract DbConnection Open();

    /// <summary>A transaction that takes the write lock at once, so two counters never both read-then-write the same row.</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>
    /// A selling transaction: on a server, several run at once, each locking its account's row
    /// (<see cref="LockRowsOf"/>), the receipt counter and the log; on SQLite, one writer as ever.
    /// </summary>
    public virtual DbTransaction BeginSelling(DbConnection connection) => BeginWrite(connection);

    /// <summary>
    /// Whether the provider's I/O is asynchronous in fact (a server's socket), so an awaited call holds no thread while
    /// it waits; false where its async methods complete synchronously (Microsoft.Data.Sqlite: a file, a lock it waits on).
    /// </summary>
    public virtual bool NaturallyAsync => false;

    /// <summary>As <see cref="Open"/>, asynchronously where the provider is (<see cref="NaturallyAsync"/>).</summary>
    public virtual ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Open());

    /// <summary>As <see cref="BeginWrite"/>, asynchronously where the provider is.</summary>
    public virtual ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) => ValueTask.FromResult(BeginWrite(connection));

    /// <summary>As <see cref="BeginSelling"/>, asynchronously where the provider is.</summary>
    public virtual ValueTask<DbTransaction> BeginSellingAsync(DbConnection connection, CancellationToken cancellationToken) => BeginWriteAsync(connection, cancellationToken);

    /// <summary>A connection, opened as <paramref name="io"/> says.</summary>
    internal ValueTask<DbConnection> Open(Io io) => io.Async ? OpenAsync(io.Token) : ValueTask.FromResult(Open());

    /// <summary>A selling or a write transaction, begun as <paramref name="io"/> says.</summary>
    internal ValueTask<DbTransaction> Begin(DbConnection connection, bool selling, Io io) => (io.Async, selling) switch
    {
        (true, true) => BeginSellingAsync(connection, io.Token),
        (true, false) => BeginWriteAsync(connection, io.Token),
        (false, true) => ValueTask.FromResult(BeginSelling(connection)),
        (false, false) => ValueTask.FromResult(BeginWrite(connection)),
    };

    /// <summary>The clause that locks the rows a query reads, of the table named <paramref name="alias"/>, until commit ("" where writers are serial already).</summary>
    public virtual string LockRowsOf(string alias) => "";


    /// <summary>Whether a failure means the database is unreachable (down, restarting, network gone) rather than a fault of ours.</summary>
    public virtual bool IsUnavailable(Exception failure) => failure is VendingStorageException;

    /// <summary>Drops pooled connections after the database went away, so the next operation opens fresh ones.</summary>
    public virtual void ForgetConnections()
    {
    }

    /// <summary>The database an option names: a PostgreSQL URL or connection string, else a SQLite file path.</summary>
    public static VendingDatabase Connect(string option)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(option);
        return PostgresAddress.Names(option) ? new PostgresVendingDatabase(option) : new SqliteVendingDatabase(option);
    }

    /// <summary>A copy of the books that is only read (`--report-db`): a PostgreSQL standby, or a SQLite file opened read-only.</summary>
    public static VendingDatabase ConnectCopy(string option)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(option);
        return PostgresAddress.Names(option) ? new PostgresVendingDatabase(option) : new SqliteVendingDatabase(option, copy: true);
    }

    /// <summary>
    /// A read a hot standby cancelled because replaying the primary's changes needed the rows it was reading
    /// (PostgreSQL's "conflict with recovery"); never on the books' own server, where reads are not cancelled so.
    /// </summary>
    public virtual bool IsRecoveryConflict(Exception failure) => false;

    /// <summary>Copies the whole database, consistently, while it is in use.</summary>
    public abstract void BackupTo(string path);

    /// <summary>The audit key id a backup file's books record, when it can be read without restoring it (Known), else unknown.</summary>
    public virtual (bool Known, string? KeyId) AuditKeyIdOfBackup(string path) => (false, null);

    /// <summary>Replaces the database with a backup, after checking the backup is one of ours.</summary>
    public abstract string? RestoreFrom(string path);

    /// <summary>The schema version, 0 for an empty database.</summary>
    public int SchemaVersion()
    {
        using var connection = Open();
        return SchemaVersion(connection);
    }

    /// <summary>Applies the migration steps the database has not seen, each in its own transaction.</summary>
    public void Migrate() => Migrate(int.MaxValue);

    /// <summary>Applies the steps up to <paramref name="upTo"/> (tests make books of an earlier schema with it).</summary>
    internal void Migrate(int upTo)
    {
        using var connection = Open();
        EnableConcurrentReaders(connection);
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        var current = SchemaVersion(connection);
        var latest = Migrations.Steps[^1].Version;
        if (current > latest)
        {
            throw new VendingStorageException($"{Describe} has schema version {current}, newer than this program's {latest}: use a newer prepaid");
        }

        foreach (var (version, name, sql) in Migrations.Steps.Where(s => s.Version > current && s.Version <= upTo))
        {
            using var transaction = BeginWrite(connection);
            connection.Execute(sql.Replace("{id}", IdentityColumn, StringComparison.Ordinal).Replace("{branch-key-by-utility}", BranchKeyByUtility, StringComparison.Ordinal),
                transaction: transaction);
            connection.Execute("INSERT INTO schema_version (version, name) VALUES (@version, @name)", new { version, name }, transaction);
            transaction.Commit();
        }
    }

    /// <summary>Lets readers run beside the counter's writes (SQLite: WAL, a setting kept in the file).</summary>
    protected virtual void EnableConcurrentReaders(IDbConnection connection)
    {
    }

    /// <summary>Whether a table exists; each engine keeps its catalogue differently.</summary>
    protected abstract bool HasTable(IDbConnection connection, string name);

    private int SchemaVersion(IDbConnection connection) =>
        HasTable(connection, "schema_version") ? connection.ExecuteScalar<int?>("SELECT MAX(version) FROM schema_version") ?? 0 : 0;
}

/// <summary>The database is missing, of another program, or of a newer schema: a user-level failure with a message.</summary>
public sealed class VendingStorageException(string message, Exception? inner = null) : Exception(message, inner);
