using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace PrepaidMeter.Vending.Audit;

/// <summary>One entry of the operation log (操作日志).</summary>
public sealed record LogEntry(long Seq, DateTimeOffset At, string Operator, string Action, string Subject, string Detail, string PrevHash, string Hash);

/// <summary>Where the chain breaks: the entry, and what is wrong with it.</summary>
public sealed record LogBreak(long Seq, string Problem);

/// <summary>
/// The append-only, tamper-evident operation log. Every entry carries the SHA-256 of the entry before
/// it, so an edited entry breaks its own hash and a deleted one breaks its successor's link. Entries
/// are written in the same transaction as the operation they record: no operation without its entry.
/// A clean-up removes old entries but keeps the last removed hash as a checkpoint, so the chain still
/// verifies from there and a deletion in the middle is still found.
/// </summary>
public static class OperationLog
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    internal static void Append(IDbConnection connection, IDbTransaction transaction, DateTimeOffset at, string operatorLogin, string action, string subject, string detail)
    {
        // The head lives in the site row: moving it on locks that row until commit, so writers on a server chain
        // their entries one after another in commit order (a waiting writer reads the head its predecessor left).
        var head = connection.QueryFirstOrDefault<ChainHead>(
            "UPDATE site SET log_seq = log_seq + 1 WHERE id = 1 RETURNING log_seq AS Seq, log_hash AS Hash", transaction: transaction)
            ?? throw NoSite();
        Write(connection, transaction, head, at, operatorLogin, action, subject, detail);
    }

    /// <summary>
    /// Takes the site's next receipt number and appends the entry that records it (<paramref name="detail"/> of
    /// the number). Both live in the site row, so one statement moves both on — a sale's commit needs both, and
    /// on a server that row stays locked to commit, so every statement after it holds the other counters back.
    /// </summary>
    internal static long AppendReceipt(IDbConnection connection, IDbTransaction transaction, DateTimeOffset at, string operatorLogin, string action, string subject, Func<long, string> detail)
    {
        var taken = connection.QueryFirstOrDefault<ReceiptAndHead>(
            "UPDATE site SET next_receipt = next_receipt + 1, log_seq = log_seq + 1 WHERE id = 1 RETURNING next_receipt - 1 AS Receipt, log_seq AS Seq, log_hash AS Hash",
            transaction: transaction)
            ?? throw NoSite();
        Write(connection, transaction, taken, at, operatorLogin, action, subject, detail(taken.Receipt));
        return taken.Receipt;
    }

    private static void Write(IDbConnection connection, IDbTransaction transaction, ChainHead head, DateTimeOffset at, string operatorLogin, string action, string subject, string detail)
    {
        var stamp = Stamp(at);
        var hash = HashOf(head.Seq, stamp, operatorLogin, action, subject, detail, head.Hash);
        connection.Execute(
            """
            INSERT INTO operation_log (seq, at, operator, action, subject, detail, prev_hash, hash) VALUES (@seq, @stamp, @operatorLogin, @action, @subject, @detail, @prev, @hash);
            UPDATE site SET log_hash = @hash WHERE id = 1;
            """,
            new { seq = head.Seq, stamp, operatorLogin, action, subject, detail, prev = head.Hash, hash }, transaction);
    }

    private static InvalidOperationException NoSite() => new("The operation log needs the site row: initialise the site first.");

    /// <summary>Walks the chain from the checkpoint; every break found, in order. Empty means intact.</summary>
    public static IReadOnlyList<LogBreak> Verify(IDbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var checkpoint = connection.QueryFirstOrDefault<ChainHead>("SELECT seq AS Seq, hash AS Hash FROM log_checkpoint WHERE id = 1") ?? new ChainHead { Seq = 0, Hash = Genesis };
        var breaks = new List<LogBreak>();
        var (expectedSeq, expectedPrev) = (checkpoint.Seq + 1, checkpoint.Hash);
        foreach (var row in connection.Query<LogRow>("SELECT seq, at, operator, action, subject, detail, prev_hash AS PrevHash, hash FROM operation_log ORDER BY seq"))
        {
            if (row.Seq != expectedSeq)
            {
                breaks.Add(new(row.Seq, $"entries {expectedSeq}..{row.Seq - 1} are missing"));
            }
            else if (!string.Equals(row.PrevHash, expectedPrev, StringComparison.Ordinal))
            {
                breaks.Add(new(row.Seq, "its link does not match the entry before it (an entry was deleted or replaced)"));
            }

            if (!string.Equals(HashOf(row.Seq, row.At, row.Operator, row.Action, row.Subject, row.Detail, row.PrevHash), row.Hash, StringComparison.Ordinal))
            {
                breaks.Add(new(row.Seq, "its content does not match its hash (the entry was edited)"));
            }

            (expectedSeq, expectedPrev) = (row.Seq + 1, row.Hash);
        }

        // The head says where the chain ends: entries cut off its end break no link, but leave the head ahead.
        if (connection.QueryFirstOrDefault<ChainHead>("SELECT log_seq AS Seq, log_hash AS Hash FROM site WHERE id = 1") is { } head
            && (head.Seq != expectedSeq - 1 || !string.Equals(head.Hash, expectedPrev, StringComparison.Ordinal)))
        {
            breaks.Add(new(head.Seq, $"the log ends at entry {expectedSeq - 1}, but entry {head.Seq} was written (entries were removed from its end)"));
        }

        return breaks;
    }

    /// <summary>Removes entries older than <paramref name="before"/>, keeping the chain verifiable; returns how many.</summary>
    internal static int RemoveBefore(IDbConnection connection, IDbTransaction transaction, DateTimeOffset before)
    {
        var stamp = Stamp(before);
        var last = connection.QueryFirstOrDefault<ChainHead>(
            "SELECT seq AS Seq, hash AS Hash FROM operation_log WHERE at < @stamp ORDER BY seq DESC LIMIT 1", new { stamp }, transaction);
        if (last is not { } cut)
        {
            return 0;
        }

        // Only a prefix is removed (everything up to the newest old entry), so the chain stays one piece.
        var removed = connection.Execute("DELETE FROM operation_log WHERE seq <= @seq", new { seq = cut.Seq }, transaction);
        connection.Execute("DELETE FROM log_checkpoint", transaction: transaction);
        connection.Execute("INSERT INTO log_checkpoint (id, seq, hash) VALUES (1, @seq, @hash)", new { seq = cut.Seq, hash = cut.Hash }, transaction);
        return removed;
    }

    public static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string HashOf(long seq, string at, string operatorLogin, string action, string subject, string detail, string prevHash)
    {
        // Length-prefixed fields: no two different entries serialise to the same bytes.
        var builder = new StringBuilder();
        foreach (var part in new[] { seq.ToString(CultureInfo.InvariantCulture), at, operatorLogin, action, subject, detail, prevHash })
        {
            builder.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    private class ChainHead
    {
        public long Seq { get; init; }

        public string Hash { get; init; } = "";
    }

    private sealed class ReceiptAndHead : ChainHead
    {
        public long Receipt { get; init; }
    }

    /// <summary>An entry as stored; shared with the log query.</summary>
    internal sealed class LogRow
    {
        public long Seq { get; init; }

        public string At { get; init; } = "";

        public string Operator { get; init; } = "";

        public string Action { get; init; } = "";

        public string Subject { get; init; } = "";

        public string Detail { get; init; } = "";

        public string PrevHash { get; init; } = "";

        public string Hash { get; init; } = "";

        public LogEntry ToEntry() => new(Seq, Storage.Rows.Time(At), Operator, Action, Subject, Detail, PrevHash, Hash);
    }
}
