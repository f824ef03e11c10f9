using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// A command on a <see cref="SqliteLease"/>: setting its text picks the prepared command for that text
/// from the connection's cache; everything else passes through. Disposing it leaves the statement
/// prepared for the next caller.
/// </summary>
internal sealed class SqliteCachedCommand(SqliteLease lease, SqliteStatementCache cache) : DbCommand
{
    private SqliteCommand? _inner;
    private SqliteTransaction? _transaction;
    private int _timeout = 30;

    [AllowNull]
    public override string CommandText
    {
        get => _inner?.CommandText ?? "";
        set
        {
            var parameters = _inner?.Parameters.Cast<SqliteParameter>().ToArray();
            _inner = cache.Take(value ?? "");
            _inner.Transaction = _transaction;
            _inner.CommandTimeout = _timeout;
            if (parameters is { Length: > 0 })
            {
                // A text rewritten after parameters were added (list expansion) keeps them.
                _inner.Parameters.AddRange(parameters);
            }
        }
    }

    public override int CommandTimeout
    {
        get => _timeout;
        set
        {
            _timeout = value;
            _inner?.CommandTimeout = value;
        }
    }

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new NotSupportedException("SQLite runs text commands only");
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => lease;
        set => throw new NotSupportedException("a cached command belongs to its lease");
    }

    protected override DbParameterCollection DbParameterCollection => Inner.Parameters;

    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set
        {
            _transaction = (SqliteTransaction?)value;
            _inner?.Transaction = _transaction;
        }
    }

    private SqliteCommand Inner => _inner ?? throw new InvalidOperationException("set the command text before its parameters");

    public override void Cancel() => _inner?.Cancel();

    public override int ExecuteNonQuery() => Inner.ExecuteNonQuery();

    public override object? ExecuteScalar() => Inner.ExecuteScalar();

    public override void Prepare() => Inner.Prepare();

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Inner.ExecuteReader(behavior);

    // The prepared statements stay with the cache; only this view of them goes.
    protected override void Dispose(bool disposing)
    {
        _inner = null;
        base.Dispose(disposing);
    }
}
