using System.Data.Common;
using Dapper;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Transactions;

/// <summary>What every service shares: the database, the clock, the options, and the write unit.</summary>
internal sealed class VendingContext
{
    public VendingContext(VendingDatabase database, BackOfficeOptions options)
        : this(database, options, options.ReportDatabase)
    {
    }

    private VendingContext(VendingDatabase database, BackOfficeOptions options, VendingDatabase? reportCopy)
    {
        Database = database;
        Options = options;
        ForReports = reportCopy is null ? this : new VendingContext(reportCopy, options, reportCopy: null);
    }

    public VendingDatabase Database { get; }

    public BackOfficeOptions Options { get; }

    /// <summary>Where reports and queries read: the report copy when there is one (`--report-db`, a standby), else this context itself.</summary>
    public VendingContext ForReports { get; }

    public DateTimeOffset Now => Options.Time.GetUtcNow();

    /// <summary>
    /// Runs <paramref name="body"/> in one write transaction after the permission check; commits only
    /// when it succeeds (its log entries with it), so a refusal changes nothing.
    /// </summary>
    public VendResult<T> Write<T>(OperatorSession? session, Permission? permission, Func<WriteScope, VendResult<T>> body, string? whenUnreachable = null) =>
        Checked(session, permission) ?? Run(session?.Login, selling: false, body, whenUnreachable);

    /// <summary>As <see cref="Write{T}(OperatorSession?, Permission?, Func{WriteScope, VendResult{T}}, string?)"/>, for a step of an operation that checked its <paramref name="grant"/> at its start.</summary>
    public VendResult<T> Write<T>(Grant grant, Func<WriteScope, VendResult<T>> body, string? whenUnreachable = null) =>
        Run(grant.Session.Login, selling: false, body, whenUnreachable);

    /// <summary>
    /// As <see cref="Write{T}(Grant, Func{WriteScope, VendResult{T}}, string?)"/>, for selling: on a server it runs beside other counters'
    /// selling, so the body locks the account's row before it reads-then-writes it (<see cref="WriteScope.LockRowsOf"/>).
    /// </summary>
    public VendResult<T> Sell<T>(Grant grant, Func<WriteScope, VendResult<T>> body, string? whenUnreachable = null) =>
        Run(grant.Session.Login, selling: true, body, whenUnreachable);

    /// <summary>Selling after the permission check: also for a caller that is not an operator (a partner with its key, checked by the body) and a settle step (no permission of its own).</summary>
    public VendResult<T> Sell<T>(OperatorSession? session, Permission? permission, Func<WriteScope, VendResult<T>> body, string? whenUnreachable = null) =>
        Checked(session, permission) ?? Run(session?.Login, selling: true, body, whenUnreachable);

    /// <summary>
    /// As <see cref="Sell{T}(OperatorSession?, Permission?, Func{WriteScope, VendResult{T}}, string?)"/>, with a body that awaits the
    /// database through its scope's asynchronous members: the connection, the transaction, the body, the log and the commit all
    /// go as <paramref name="io"/> says. With <see cref="Io.Sync"/> the same body blocks, and the task has completed on return.
    /// </summary>
    public ValueTask<VendResult<T>> SellAsync<T>(OperatorSession? session, Permission? permission, Func<WriteScope, ValueTask<VendResult<T>>> body, Io io, string? whenUnreachable = null) =>
        Checked(session, permission) is { } refused ? ValueTask.FromResult<VendResult<T>>(refused) : Run(session?.Login, selling: true, body, whenUnreachable, io);

    /// <summary>The refusal for a database that went away; the pool is dropped so the next operation reconnects.</summary>
    public Refusal Unavailable(Exception failure, string consequence)
    {
        Database.ForgetConnections();
        var reason = failure is VendingStorageException
            ? failure.Message
            : $"the database {Database.Describe} stopped answering (the connection was lost: {failure.GetBaseException().Message})";
        return new Refusal(RefusalReason.StorageUnavailable, $"{reason}; {consequence}");
    }

    /// <summary>The refusal when an operator's session may not do <paramref name="permission"/>; none for a caller that is not an operator, or no permission to check.</summary>
    private static Refusal? Checked(OperatorSession? session, Permission? permission) =>
        session is not null && permission is { } needed ? session.Check(needed) : null;

    private VendResult<T> Run<T>(string? login, bool selling, Func<WriteScope, VendResult<T>> body, string? whenUnreachable) =>
        Io.Wait(Run(login, selling, scope => ValueTask.FromResult(body(scope)), whenUnreachable, Io.Sync));

    /// <param name="whenUnreachable">What the operator is told follows when the database cannot be reached, where the caller knows better than "nothing was recorded".</param>
    private async ValueTask<VendResult<T>> Run<T>(string? login, bool selling, Func<WriteScope, ValueTask<VendResult<T>>> body, string? whenUnreachable, Io io)
    {
        if (Options.AuditKey is null)
        {
            return new Refusal(RefusalReason.AuditKey, AuditKeyException.Missing().Message);
        }

        var committing = false;
        try
        {
            var connection = await Database.Open(io);
            try
            {
                var transaction = await Database.Begin(connection, selling, io);
                try
                {
                    var scope = new WriteScope(Database, connection, transaction, Now, login ?? "system", Options.AuditKey, io);
                    var result = await body(scope);
                    if (result.Success)
                    {
                        // The log entries go in last, with the digests of the rows as this transaction leaves them.
                        await scope.FlushAsync();
                        scope.BeforeCommit?.Invoke();
                        committing = true;
                        await Finish(transaction, commit: true, io);
                    }
                    else
                    {
                        await Finish(transaction, commit: false, io);
                    }

                    return result;
                }
                finally
                {
                    await Release(transaction, io);
                }
            }
            finally
            {
                await Release(connection, io);
            }
        }
        catch (AuditKeyException e)
        {
            return new Refusal(RefusalReason.AuditKey, e.Message);
        }
        catch (Exception e) when (Database.IsUnavailable(e))
        {
            // Before the commit the server rolls the transaction back; during it, the answer lost may have been "committed".
            // A card write's pending row settles either way by the card (recovery); anything else must be looked up.
            return Unavailable(e, whenUnreachable ?? (committing ? "the change may or may not have been recorded: look it up before doing it again" : "nothing was recorded"));
        }
    }

    /// <summary>Runs a read after the permission check (none for a caller that is not an operator: a partner with its key).</summary>
    public VendResult<T> Read<T>(OperatorSession? session, Permission? permission, Func<DbConnection, VendResult<T>> body) =>
        Checked(session, permission) ?? Read(body);

    /// <summary>Runs a read for a step of an operation that checked its grant at its start.</summary>
    public VendResult<T> Read<T>(Grant grant, Func<DbConnection, VendResult<T>> body)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return Read(body);
    }

    /// <summary>
    /// As <see cref="Read{T}(OperatorSession?, Permission?, Func{DbConnection, VendResult{T}})"/>, with a body that reads through
    /// <paramref name="io"/>: the connection is opened, and given back, as it says.
    /// </summary>
    public ValueTask<VendResult<T>> ReadAsync<T>(OperatorSession? session, Permission? permission, Func<DbConnection, ValueTask<VendResult<T>>> body, Io io) =>
        Checked(session, permission) is { } refused ? ValueTask.FromResult<VendResult<T>>(refused) : Read(body, io);

    private VendResult<T> Read<T>(Func<DbConnection, VendResult<T>> body) =>
        Io.Wait(Read(connection => ValueTask.FromResult(body(connection)), Io.Sync));

    private async ValueTask<VendResult<T>> Read<T>(Func<DbConnection, ValueTask<VendResult<T>>> body, Io io)
    {
        try
        {
            var connection = await Database.Open(io);
            try
            {
                return await body(connection);
            }
            finally
            {
                await Release(connection, io);
            }
        }
        catch (Exception e) when (Database.IsUnavailable(e))
        {
            return Unavailable(e, "nothing was read");
        }
        catch (Exception e) when (Database.IsRecoveryConflict(e))
        {
            return new Refusal(RefusalReason.StorageUnavailable,
                $"the standby {Database.Describe} cancelled the read to replay the primary's changes under it; run it again, or set hot_standby_feedback = on on the standby (docs/concurrency.md)");
        }
    }

    private static async ValueTask Finish(DbTransaction transaction, bool commit, Io io)
    {
        if (io.Async)
        {
            // Neither is cancelled: the commit's answer decides what the caller is told, and a rollback only cleans up.
            await (commit ? transaction.CommitAsync() : transaction.RollbackAsync());
        }
        else if (commit)
        {
            transaction.Commit();
        }
        else
        {
            transaction.Rollback();
        }
    }

    /// <summary>Disposes as <paramref name="io"/> says: a connection given back with a transaction open rolls it back, over the wire.</summary>
    private static ValueTask Release<TResource>(TResource resource, Io io)
        where TResource : IDisposable, IAsyncDisposable
    {
        if (io.Async)
        {
            return resource.DisposeAsync();
        }

        resource.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// An open write transaction, its moment, the operator it acts for, and its part of the operation log. Its members ending in
/// Async talk to the database as the operation runs (<see cref="Io"/>, blocking unless given): asynchronously in <see cref="VendingContext.SellAsync{T}"/>
/// with a real Io, blocking under a sync caller, so one body serves both.
/// </summary>
internal sealed class WriteScope(VendingDatabase database, DbConnection connection, DbTransaction transaction, DateTimeOffset now, string operatorLogin, AuditKey? key, Io io = default)
{
    private readonly LogWriter _log = new(connection, transaction, key);

    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    /// <summary>How this operation talks to the database, for a helper that reads through <see cref="Connection"/> itself.</summary>
    public Io Io { get; } = io;

    public DateTimeOffset Now { get; } = now;

    public string Stamp => OperationLog.Stamp(Now);

    public string Operator { get; } = operatorLogin;

    /// <summary>The clause that locks the rows a query reads from <paramref name="alias"/> until commit (empty on SQLite, whose writers are serial).</summary>
    public string LockRowsOf(string alias) => database.LockRowsOf(alias);

    public int Execute(string sql, object? parameters = null) => Connection.Execute(sql, parameters, Transaction);

    public T? Scalar<T>(string sql, object? parameters = null) => Connection.ExecuteScalar<T>(sql, parameters, Transaction);

    public T? First<T>(string sql, object? parameters = null) => Connection.QueryFirstOrDefault<T>(sql, parameters, Transaction);

    public IEnumerable<T> Query<T>(string sql, object? parameters = null) => Connection.Query<T>(sql, parameters, Transaction);

    public ValueTask<int> ExecuteAsync(string sql, object? parameters = null) => Io.Execute(Connection, sql, parameters, Transaction);

    public ValueTask<T?> ScalarAsync<T>(string sql, object? parameters = null) => Io.Scalar<T>(Connection, sql, parameters, Transaction);

    public ValueTask<T?> FirstAsync<T>(string sql, object? parameters = null) => Io.First<T>(Connection, sql, parameters, Transaction);

    /// <summary>As <see cref="Query{T}"/>, the rows read to the end.</summary>
    public ValueTask<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null) => Io.Query<T>(Connection, sql, parameters, Transaction);

    /// <summary>
    /// Runs an INSERT, UPDATE or DELETE of an audited table and covers every row it touched (their keys come back
    /// through RETURNING), so the transaction's log entry carries their digests as committed. Returns how many.
    /// </summary>
    public int ExecuteCovered(AuditedTable table, string sql, object? parameters = null) => Io.Wait(ExecuteCovered(table, sql, parameters, Io.Sync));

    /// <summary>As <see cref="ExecuteCovered(AuditedTable, string, object?)"/>, as the operation runs.</summary>
    public ValueTask<int> ExecuteCoveredAsync(AuditedTable table, string sql, object? parameters = null) => ExecuteCovered(table, sql, parameters, Io);

    /// <summary>As <see cref="ExecuteCovered(AuditedTable, string, object?)"/>, for an INSERT of one row: its key.</summary>
    public long InsertCovered(AuditedTable table, string sql, object? parameters = null) => Io.Wait(InsertCovered(table, sql, parameters, Io.Sync));

    /// <summary>As <see cref="InsertCovered(AuditedTable, string, object?)"/>, as the operation runs.</summary>
    public ValueTask<long> InsertCoveredAsync(AuditedTable table, string sql, object? parameters = null) => InsertCovered(table, sql, parameters, Io);

    /// <summary>The row will be covered by this transaction's log entry (changed, inserted or deleted by it).</summary>
    public void Cover(AuditedTable table, object key) => _log.Cover(table, RowDigest.KeyText(key));

    /// <summary>Covers every row of an id-keyed table from <paramref name="from"/> to <paramref name="to"/> (a bulk write).</summary>
    public void CoverRange(AuditedTable table, long from, long to) => _log.CoverRange(table, from, to);

    /// <summary>Covers a row with a digest recorded before, without recomputing it (a clean-up carrying old entries' digests forward).</summary>
    public void Carry(AuditedTable table, string key, string digest) => _log.Carry(table, key, digest);

    public void Log(string action, string subject, string detail) => LogAs(Operator, action, subject, detail);

    /// <summary>Takes the next receipt number with the log entry that records it (<see cref="LogWriter.AppendReceipt"/>); the site row is covered.</summary>
    public long LogReceipt(string action, string subject, Func<long, string> detail)
    {
        var receipt = _log.AppendReceipt(Now, Operator, action, subject, detail);
        Cover(AuditedTable.Site, 1L);
        return receipt;
    }

    /// <summary>An entry made for someone not yet logged in: a login, a failed login, the first administrator.</summary>
    public void LogAs(string operatorLogin, string action, string subject, string detail) => _log.Append(Now, operatorLogin, action, subject, detail);

    /// <summary>As <see cref="LogAs"/>, as the operation runs (the entry takes its number from the site row).</summary>
    public ValueTask LogAsAsync(string operatorLogin, string action, string subject, string detail) => _log.AppendAsync(Now, operatorLogin, action, subject, detail, Io);

    /// <summary>Called after the log entries are written and before the commit (a crash test stops the process there).</summary>
    public Action? BeforeCommit { get; set; }

    /// <summary>Writes the log entries; the context calls it just before commit.</summary>
    public void Flush() => _log.Flush();

    /// <summary>As <see cref="Flush"/>, as the operation runs.</summary>
    public ValueTask FlushAsync() => _log.FlushAsync(Io);

    private async ValueTask<int> ExecuteCovered(AuditedTable table, string sql, object? parameters, Io io)
    {
        var count = 0;
        foreach (IDictionary<string, object?> row in await io.Query<dynamic>(Connection, sql + " RETURNING " + table.Key, parameters, Transaction))
        {
            Cover(table, row.Values.Single()!);
            count++;
        }

        return count;
    }

    private async ValueTask<long> InsertCovered(AuditedTable table, string sql, object? parameters, Io io)
    {
        var id = await io.Scalar<long>(Connection, sql + " RETURNING " + table.Key, parameters, Transaction);
        Cover(table, id);
        return id;
    }
}
