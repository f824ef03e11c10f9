using System.Data;
using System.Globalization;
using Dapper;

namespace PrepaidMeter.Vending.Audit;

/// <summary>One entry of the operation log (操作日志); <see cref="Covers"/> is how many rows it vouches for.</summary>
public sealed record LogEntry(long Seq, DateTimeOffset At, string Operator, string Action, string Subject, string Detail, string PrevHash, string Hash, int Covers);

/// <summary>Where the log ends: the last entry's number and hash (what an anchor signs and the daily report prints).</summary>
public readonly record struct LogHead(long Seq, string Hash)
{
    public override string ToString() => $"entry {Seq}, hash {Hash}";
}

/// <summary>
/// The append-only, tamper-evident operation log. Entries are written in the same transaction as the operation
/// they record (<see cref="LogWriter"/>); each is hashed with the site's audit key over its fields, the digests
/// of the rows it covers and the hash of the entry before it. <see cref="AuditVerifier"/> checks the chain and
/// the rows; <see cref="Anchors"/> fixes its head outside the database; the clean-up (Maintenance) removes old entries.
/// </summary>
public static class OperationLog
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The head as the site row records it.</summary>
    public static LogHead Head(IDbConnection connection, IDbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var head = connection.QueryFirstOrDefault<(long Seq, string Hash)>("SELECT log_seq, log_hash FROM site WHERE id = 1", transaction: transaction);
        return new LogHead(head.Seq, head.Hash ?? Genesis);
    }

    /// <summary>An entry as stored; shared with the log query and the audit.</summary>
    internal sealed class LogRow
    {
        public const string Columns = "seq, at, operator, action, subject, detail, covers, prev_hash, hash, mac";

        public long Seq { get; init; }

        public string At { get; init; } = "";

        public string Operator { get; init; } = "";

        public string Action { get; init; } = "";

        public string Subject { get; init; } = "";

        public string Detail { get; init; } = "";

        public string? Covers { get; init; }

        public string PrevHash { get; init; } = "";

        public string Hash { get; init; } = "";

        public string? Mac { get; init; }

        public ChainEntry ToChainEntry() => new(Seq, At, Operator, Action, Subject, Detail, Covers ?? "", PrevHash);

        public LogEntry ToEntry() => new(Seq, Storage.Rows.Time(At), Operator, Action, Subject, Detail, PrevHash, Hash, (Covers ?? "").Count(c => c == '\n'));
    }
}
