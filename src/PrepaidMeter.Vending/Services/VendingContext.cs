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
    public VendResult<T> Write<T>(OperatorSession? session, Permission? permission, Func<WriteScope, VendResult<T>> body, string? whenUnreachable = null) =>
        Run(session, permission, selling: false, body, whenUnreachable);

    /// <summary>
    /// As <see cref="Write{T}"/>, for selling: on a server it runs beside other counters' selling, so the
    /// body locks the account's row before it reads-then-writes it (<see cref="WriteScope.LockRowsOf"/>).
    /// </summary>
    public VendResult<T> Sell<T>(OperatorSession? session, Permission? permission, Func<WriteScope, VendResult<T>> body, string? whenUnreachable = null) =>
        Run(session, permission, selling: true, body, whenUnreachable);

    /// <summary>The refusal for a database that went away; the pool is dropped so the next operation reconnects.</summary>
    public Refusal Unavailable(Exception failure, string consequence)
    {
        Database.ForgetConnections();
        var reason = failure is VendingStorageException
            ? failure.Message
            : $"the database {Database.Describe} stopped answering (the connection was lost: {failure.GetBaseException().Message})";
        return new Refusal(RefusalReason.StorageUnavailable, $"{reason}; {consequence}");
    }

    /// <param name="whenUnreachable">What the operator is told follows when the database cannot be reached, where the caller knows better than "nothing was recorded".</param>
    private VendResult<T> Run<T>(OperatorSession? session, Permission? permission, bool selling, Func<WriteScope, VendResult<T>> body, string? whenUnreachable)
    {
        if (session is not null && permission is { } needed && session.Check(needed) is { } refusal)
        {
            return refusal;
        }

        var committing = false;
        try
        {
            using var connection = Database.Open();
            using var transaction = selling ? Database.BeginSelling(connection) : Database.BeginWrite(connection);
            var scope = new WriteScope(Database, connection, transaction, Now, session?.Login ?? "system");
            var result = body(scope);
            if (result.Success)
            {
                committing = true;
                transaction.Commit();
            }
            else
            {
                transaction.Rollback();
            }

            return result;
        }
        catch (Exception e) when (Database.IsUnavailable(e))
        {
            // Before the commit the server rolls the transaction back; during it, the answer lost may have been "committed".
            // A card write's pending row settles either way by the card (recovery); anything else must be looked up.
            return Unavailable(e, whenUnreachable ?? (committing ? "the change may or may not have been recorded: look it up before doing it again" : "nothing was recorded"));
        }
    }

    /// <summary>Runs a read after the permission check (none for a caller that is not an operator: a partner with its key).</summary>
    public VendResult<T> Read<T>(OperatorSession? session, Permission? permission, Func<DbConnection, VendResult<T>> body)
    {
        if (session is not null && permission is { } needed && session.Check(needed) is { } refusal)
        {
            return refusal;
        }

        try
        {
            using var connection = Database.Open();
            return body(connection);
        }
        catch (Exception e) when (Database.IsUnavailable(e))
        {
            return Unavailable(e, "nothing was read");
        }
    }
}

/// <summary>An open write transaction, its moment, and the operator it acts for.</summary>
internal sealed class WriteScope(VendingDatabase database, DbConnection connection, DbTransaction transaction, DateTimeOffset now, string operatorLogin)
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public DateTimeOffset Now { get; } = now;

    public string Stamp => OperationLog.Stamp(Now);

    public string Operator { get; } = operatorLogin;

    /// <summary>The clause that locks the rows a query reads from <paramref name="alias"/> until commit (empty on SQLite, whose writers are serial).</summary>
    public string LockRowsOf(string alias) => database.LockRowsOf(alias);

    public int Execute(string sql, object? parameters = null) => Connection.Execute(sql, parameters, Transaction);

    public T? Scalar<T>(string sql, object? parameters = null) => Connection.ExecuteScalar<T>(sql, parameters, Transaction);

    public T? First<T>(string sql, object? parameters = null) => Connection.QueryFirstOrDefault<T>(sql, parameters, Transaction);

    public IEnumerable<T> Query<T>(string sql, object? parameters = null) => Connection.Query<T>(sql, parameters, Transaction);

    public void Log(string action, string subject, string detail) => LogAs(Operator, action, subject, detail);

    /// <summary>Takes the next receipt number with the log entry that records it (<see cref="OperationLog.AppendReceipt"/>).</summary>
    public long LogReceipt(string action, string subject, Func<long, string> detail) =>
        OperationLog.AppendReceipt(Connection, Transaction, Now, Operator, action, subject, detail);

    /// <summary>An entry made for someone not yet logged in: a login, a failed login, the first administrator.</summary>
    public void LogAs(string operatorLogin, string action, string subject, string detail)
    {
        OperationLog.Append(Connection, Transaction, Now, operatorLogin, action, subject, detail);
    }
}
