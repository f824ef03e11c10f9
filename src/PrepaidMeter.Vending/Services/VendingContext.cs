using System.Data.Common;
using Dapper;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Services;

/// <summary>What every service shares: the database, the clock, the options, and the write unit.</summary>
internal sealed class VendingContext(VendingDatabase database, BackOfficeOptions options)
{
    public VendingDatabase Database { get; } = database;

    public BackOfficeOptions Options { get; } = options;

    public DateTimeOffset Now => Options.Time.GetUtcNow();

    /// <summary>
    /// Runs <paramref name="body"/> in one write transaction after the permission check; commits only
    /// when it succeeds (its log entries with it), so a refusal changes nothing.
    /// </summary>
    public VendResult<T> Write<T>(OperatorSession? session, Permission? permission, Func<WriteScope, VendResult<T>> body)
    {
        if (session is not null && permission is { } needed && session.Check(needed) is { } refusal)
        {
            return refusal;
        }

        using var connection = Database.Open();
        using var transaction = Database.BeginWrite(connection);
        var scope = new WriteScope(connection, transaction, Now, session?.Login ?? "system");
        var result = body(scope);
        if (result.Success)
        {
            transaction.Commit();
        }
        else
        {
            transaction.Rollback();
        }

        return result;
    }

    /// <summary>Runs a read after the permission check.</summary>
    public VendResult<T> Read<T>(OperatorSession session, Permission permission, Func<DbConnection, VendResult<T>> body)
    {
        if (session.Check(permission) is { } refusal)
        {
            return refusal;
        }

        using var connection = Database.Open();
        return body(connection);
    }
}

/// <summary>An open write transaction, its moment, and the operator it acts for.</summary>
internal sealed class WriteScope(DbConnection connection, DbTransaction transaction, DateTimeOffset now, string operatorLogin)
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public DateTimeOffset Now { get; } = now;

    public string Stamp => OperationLog.Stamp(Now);

    public string Operator { get; } = operatorLogin;

    public int Execute(string sql, object? parameters = null) => Connection.Execute(sql, parameters, Transaction);

    public T? Scalar<T>(string sql, object? parameters = null) => Connection.ExecuteScalar<T>(sql, parameters, Transaction);

    public T? First<T>(string sql, object? parameters = null) => Connection.QueryFirstOrDefault<T>(sql, parameters, Transaction);

    public IEnumerable<T> Query<T>(string sql, object? parameters = null) => Connection.Query<T>(sql, parameters, Transaction);

    public void Log(string action, string subject, string detail) => LogAs(Operator, action, subject, detail);

    /// <summary>An entry made for someone not yet logged in: a login, a failed login, the first administrator.</summary>
    public void LogAs(string operatorLogin, string action, string subject, string detail) =>
        OperationLog.Append(Connection, Transaction, Now, operatorLogin, action, subject, detail);
}
