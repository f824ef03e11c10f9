using System.Data;
using Dapper;

namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// How one operation talks to the database: blocking (the counter, the CLI, SQLite) or asynchronously (the payment API
/// on a server). One body serves both: it awaits these members, and with <see cref="Sync"/> every one of them completes
/// before it returns, so <see cref="Wait{T}"/> hands a blocking caller the result without ever waiting on a task.
/// </summary>
internal readonly record struct Io(bool Async, CancellationToken Token)
{
    /// <summary>Blocking calls; no cancellation.</summary>
    public static Io Sync => default;

    /// <summary>Asynchronous calls, cancelled by <paramref name="token"/>.</summary>
    public static Io Of(CancellationToken token) => new(true, token);

    /// <summary>The result of a body run with <see cref="Sync"/>, which has completed (or thrown) by now.</summary>
    public static T Wait<T>(ValueTask<T> done) => done.IsCompleted
        ? done.GetAwaiter().GetResult()
        : throw NotCompleted();

    /// <summary>As <see cref="Wait{T}"/>, for a body with no result.</summary>
    public static void Wait(ValueTask done)
    {
        if (!done.IsCompleted)
        {
            throw NotCompleted();
        }

        done.GetAwaiter().GetResult();
    }

    public async ValueTask<int> Execute(IDbConnection connection, string sql, object? parameters, IDbTransaction? transaction) =>
        Async ? await connection.ExecuteAsync(Command(sql, parameters, transaction)) : connection.Execute(Command(sql, parameters, transaction));

    public async ValueTask<T?> Scalar<T>(IDbConnection connection, string sql, object? parameters, IDbTransaction? transaction) =>
        Async ? await connection.ExecuteScalarAsync<T>(Command(sql, parameters, transaction)) : connection.ExecuteScalar<T>(Command(sql, parameters, transaction));

    public async ValueTask<T?> First<T>(IDbConnection connection, string sql, object? parameters, IDbTransaction? transaction) =>
        Async ? await connection.QueryFirstOrDefaultAsync<T>(Command(sql, parameters, transaction)) : connection.QueryFirstOrDefault<T>(Command(sql, parameters, transaction));

    /// <summary>The rows, read to the end (asynchronously) or as the caller enumerates them (blocking, unless <paramref name="buffered"/>).</summary>
    public async ValueTask<IEnumerable<T>> Query<T>(IDbConnection connection, string sql, object? parameters, IDbTransaction? transaction, bool buffered = true) =>
        Async
            ? await connection.QueryAsync<T>(Command(sql, parameters, transaction))
            : connection.Query<T>(Command(sql, parameters, transaction, buffered ? CommandFlags.Buffered : CommandFlags.None));

    private static InvalidOperationException NotCompleted() =>
        new("A blocking call awaited asynchronous I/O: a body run with Io.Sync must call the database only through its Io.");

    private CommandDefinition Command(string sql, object? parameters, IDbTransaction? transaction, CommandFlags flags = CommandFlags.Buffered) =>
        new(sql, parameters, transaction, flags: flags, cancellationToken: Token);
}
