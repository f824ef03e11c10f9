using System.Globalization;
using System.Text;
using Dapper;

namespace PrepaidMeter.Vending.Audit;

/// <summary>
/// Removing old entries without losing what they vouched for. Only an intact log is cleaned (a clean-up must not
/// destroy evidence); the entries up to the cut go, the checkpoint keeps the last one's number and hash, signed
/// with the audit key, and the clean-up's own entry carries forward the digests the removed entries recorded for
/// rows no later entry covers — so every row stays covered and a forged checkpoint does not verify.
/// </summary>
internal static class LogCleanup
{
    public const string Action = "log clean-up";

    /// <summary>How the clean-up's entry names the checkpoint it made (the audit holds the checkpoint to it).</summary>
    public static string Subject(long checkpointSeq) => string.Create(CultureInfo.InvariantCulture, $"checkpoint {checkpointSeq}");

    /// <summary>The checkpoint's signature: HMAC under the audit key of its number, hash and time.</summary>
    public static string Signature(AuditKey key, long seq, string hash, string at) =>
        key.Mac(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"prepaid checkpoint\nseq {seq}\nhash {hash}\nat {at}\n")));

    /// <summary>Removes the entries older than <paramref name="before"/>; how many, or null when none is that old.</summary>
    public static int? RemoveBefore(Services.WriteScope scope, AuditKey key, DateTimeOffset before)
    {
        var last = scope.Query<(long Seq, string Hash)>(
            "SELECT seq, hash FROM operation_log WHERE at < @stamp ORDER BY seq DESC LIMIT 1", new { stamp = OperationLog.Stamp(before) }).FirstOrDefault();
        if (last.Seq == 0)
        {
            return null;
        }

        // The digests the removed entries recorded, for rows no later entry covers: the last word on those rows.
        var carried = new Dictionary<(string Table, string Key), string>();
        foreach (var covers in scope.Query<string?>("SELECT covers FROM operation_log WHERE seq <= @Seq ORDER BY seq", new { last.Seq }))
        {
            foreach (var row in CoveredRows.Parse(covers))
            {
                carried[(row.Table, row.Key)] = row.Digest;
            }
        }

        foreach (var covers in scope.Query<string?>("SELECT covers FROM operation_log WHERE seq > @Seq", new { last.Seq }))
        {
            foreach (var row in CoveredRows.Parse(covers))
            {
                carried.Remove((row.Table, row.Key));
            }
        }

        var removed = scope.Execute("DELETE FROM operation_log WHERE seq <= @Seq", new { last.Seq });
        var at = scope.Stamp;
        scope.Execute("DELETE FROM log_checkpoint");
        scope.Execute("INSERT INTO log_checkpoint (id, seq, hash, at, signature) VALUES (1, @Seq, @Hash, @at, @signature)",
            new { last.Seq, last.Hash, at, signature = Signature(key, last.Seq, last.Hash, at) });
        // A deletion needs no carrying: a row put back after it has no entry at all, which the audit reports anyway.
        foreach (var ((table, rowKey), digest) in carried.Where(c => c.Value != RowDigest.Deleted))
        {
            scope.Carry(AuditedTable.Named(table) ?? throw new InvalidOperationException($"The log covers unknown table '{table}'."), rowKey, digest);
        }

        scope.Log(Action, Subject(last.Seq), $"{removed} entries removed up to entry {last.Seq} (hash {last.Hash}); {carried.Count(c => c.Value != RowDigest.Deleted)} rows' digests carried forward");
        return removed;
    }
}
