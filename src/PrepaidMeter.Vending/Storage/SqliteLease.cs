using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// The connection <see cref="SqliteVendingDatabase.Open"/> hands out: a lease on a pooled, open SQLite
/// connection whose commands stay prepared. Disposing it rolls back a transaction left open and gives
/// the connection back; the services and Dapper see an ordinary <see cref="DbConnection"/>.
/// </summary>
internal sealed class SqliteLease : DbConnection
{
    private readonly SqliteConnectionPool _pool;
    private SqliteStatementCache? _cache;
    private DbTransaction? _transaction;

    public SqliteLease(SqliteConnectionPool pool, SqliteStatementCache cache)
    {
        _pool = pool;
        _cache = cache;
    }

    /// <summary>The SQLite connection underneath, for what only SQLite does (online backup).</summary>
    public SqliteConnection Inner => Cache.Connection;

    [AllowNull]
    public override string ConnectionString
    {
        get => Inner.ConnectionString;
        set => throw new NotSupportedException("a leased connection keeps the database's connection string");
    }

    public override string Database => Inner.Database;

    public override string DataSource => Inner.DataSource;

    public override string ServerVersion => Inner.ServerVersion;

    public override ConnectionState State => _cache is null ? ConnectionState.Closed : Inner.State;

    private SqliteStatementCache Cache => _cache ?? throw new ObjectDisposedException(nameof(SqliteLease));

    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException("SQLite has one database per file");

    // The lease is opened by the pool; Close gives it back like Dispose.
    public override void Open() => ObjectDisposedException.ThrowIf(_cache is null, this);

    public override void Close() => Return();

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
    {
        // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for deferred: the write lock at once.
        _transaction = Inner.BeginTransaction(isolationLevel);
        return _transaction;
    }

    protected override DbCommand CreateDbCommand() => new SqliteCachedCommand(this, Cache);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Return();
        }

        base.Dispose(disposing);
    }

    private void Return()
    {
        if (_cache is not { } cache)
        {
            return;
        }

        _cache = null;
        _transaction?.Dispose();
        _transaction = null;
        _pool.Return(cache);
    }
}
