using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// Open connections to one SQLite file, each with its prepared statements, lent one caller at a time.
/// Shared by every <see cref="SqliteVendingDatabase"/> on the same path, as ADO.NET's own pool is.
/// </summary>
internal sealed class SqliteConnectionPool(string connectionString, string path)
{
    // A counter uses one connection at a time; a few more cover readers beside a write.
    private const int MaxIdle = 4;
    private static readonly ConcurrentDictionary<string, SqliteConnectionPool> Pools = new(StringComparer.Ordinal);
    private readonly ConcurrentStack<SqliteStatementCache> _idle = new();

    public static SqliteConnectionPool For(string connectionString, string path) =>
        Pools.GetOrAdd(connectionString, text => new SqliteConnectionPool(text, path));

    /// <summary>Closes every idle connection (all files), so files can be deleted or replaced.</summary>
    public static void ClearAll()
    {
        foreach (var pool in Pools.Values)
        {
            pool.Clear();
        }
    }

    public SqliteLease Lease()
    {
        if (!_idle.TryPop(out var cache))
        {
            cache = new SqliteStatementCache(OpenConfigured());
        }

        return new SqliteLease(this, cache);
    }

    public void Return(SqliteStatementCache cache)
    {
        if (_idle.Count >= MaxIdle)
        {
            cache.Dispose();
            return;
        }

        _idle.Push(cache);
    }

    public void Clear()
    {
        while (_idle.TryPop(out var cache))
        {
            cache.Dispose();
        }
    }

    private SqliteConnection OpenConfigured()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            // journal_mode is stored in the file (set once by Migrate); these hold per connection.
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new VendingStorageException($"cannot open the database {path}: {e.Message}", e);
        }
    }
}
