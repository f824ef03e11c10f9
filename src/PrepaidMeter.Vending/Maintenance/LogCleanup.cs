using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Maintenance;

/// <summary>
/// Removing old entries without losing what they vouched for. Only an intact log is cleaned (a clean-up must not
/// destroy evidence); the entries up to the cut go, the checkpoint keeps the last one's number and hash, signed
/// with the audit key, and the clean-up's own entry carries forward the digests the removed entries recorded for
/// rows no later entry covers — so every row stays covered and a forged checkpoint does not verify.
/// </summary>
internal static class LogCleanup
{
    /// <summary>Removes the entries older than <paramref name="before"/>; how many, or null when none is that old.</summary>
    public static int? RemoveBefore(WriteScope scope, AuditKey key, DateTimeOffset before)
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
            new { last.Seq, last.Hash, at, signature = Checkpoints.Signature(key, last.Seq, last.Hash, at) });
        // A deletion needs no carrying: a row put back after it has no entry at all, which the audit reports anyway.
        foreach (var ((table, rowKey), digest) in carried.Where(c => c.Value != RowDigest.Deleted))
        {
            scope.Carry(AuditedTable.Named(table) ?? throw new InvalidOperationException($"The log covers unknown table '{table}'."), rowKey, digest);
        }

        scope.Log(Checkpoints.Action, Checkpoints.Subject(last.Seq), $"{removed} entries removed up to entry {last.Seq} (hash {last.Hash}); {carried.Count(c => c.Value != RowDigest.Deleted)} rows' digests carried forward");
        return removed;
    }
}
