using System.Data;
using System.Globalization;
using Dapper;

namespace PrepaidMeter.Vending.Audit;

/// <summary>
/// <c>prepaid vend audit verify</c>: walks the chain from its checkpoint (links, keyed hashes, the head), then
/// recomputes the digest of every audited row and compares it with the latest digest an entry recorded for it,
/// checks the receipts are gap-free and the card serials below the next, and holds the log to the anchors given.
/// Every finding is named; an untouched history has none.
/// </summary>
public static partial class AuditVerifier
{
    public static AuditReport Verify(IDbConnection connection, AuditKey? key, IReadOnlyList<AnchorLine>? anchors = null, IDbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var findings = new List<AuditFinding>();
        var site = connection.QueryFirstOrDefault<SiteAudit>(
            "SELECT log_seq AS Seq, log_hash AS Hash, audit_key_id AS KeyId, audit_public_key AS PublicKey, keyed_from AS KeyedFrom, next_receipt AS NextReceipt, next_card_serial AS NextCardSerial FROM site WHERE id = 1", transaction: transaction)
            ?? throw new InvalidOperationException("The books have no site row: nothing to audit.");
        var authenticated = key is not null && key.Id == site.KeyId;
        if (key is not null && !authenticated)
        {
            findings.Add(new("audit key", site.KeyId is null
                ? $"the books record no audit key, but key {key.Id} was given: they were made without one, or the record of it was removed"
                : $"the key given ({key.Id}) is not the one the site records ({site.KeyId}); nothing could be authenticated"));
        }

        var wanted = anchors?.Where(a => a.Anchor is not null).Select(a => a.Anchor!.Seq).ToHashSet() ?? [];
        var (chain, covered, entries) = WalkChain(connection, transaction, authenticated ? key : null, site, wanted, findings);
        var rows = CheckRows(connection, transaction, covered, findings);
        CheckReceiptsAndSerials(connection, transaction, site, findings);
        var anchorCount = anchors is null ? 0 : CheckAnchors(anchors, chain, site, authenticated ? key : null, findings);
        return new AuditReport(findings, entries, rows, anchorCount, authenticated, new LogHead(site.Seq, site.Hash));
    }

    /// <summary>The hashes of the <paramref name="wanted"/> entries, the latest digest recorded for each row, and how many entries.</summary>
    private static (ChainView Chain, Dictionary<(string Table, string Key), (long Seq, string Digest)> Covered, long Entries) WalkChain(
        IDbConnection connection, IDbTransaction? transaction, AuditKey? key, SiteAudit site, HashSet<long> wanted, List<AuditFinding> findings)
    {
        var checkpoint = CheckCheckpoint(connection, transaction, key, findings);
        var chain = new ChainView(checkpoint);
        var covered = new Dictionary<(string, string), (long, string)>();
        var (expectedSeq, expectedPrev) = (checkpoint.Seq + 1, checkpoint.Hash);
        long count = 0;
        string? lastCleanUp = null;
        foreach (var row in connection.Query<OperationLog.LogRow>($"SELECT {OperationLog.LogRow.Columns} FROM operation_log ORDER BY seq", transaction: transaction, buffered: false))
        {
            count++;
            var where = $"entry {row.Seq}";
            if (row.Seq != expectedSeq)
            {
                findings.Add(new(where, row.Seq > expectedSeq ? $"entries {expectedSeq}..{row.Seq - 1} are missing" : "it repeats an entry number"));
            }
            else if (!string.Equals(row.PrevHash, expectedPrev, StringComparison.Ordinal))
            {
                findings.Add(new(where, "its link does not match the entry before it (an entry was deleted or replaced)"));
            }

            if (HashProblem(row, key, site) is { } problem)
            {
                findings.Add(new(where, problem));
            }

            try
            {
                foreach (var item in CoveredRows.Parse(row.Covers))
                {
                    covered[(item.Table, item.Key)] = (row.Seq, item.Digest);
                }
            }
            catch (FormatException e)
            {
                findings.Add(new(where, $"its list of covered rows is damaged ({e.Message})"));
            }

            if (row.Action == Checkpoints.Action)
            {
                lastCleanUp = row.Subject;
            }

            if (wanted.Contains(row.Seq))
            {
                chain.Hashes[row.Seq] = row.Hash;
            }

            (expectedSeq, expectedPrev) = (row.Seq + 1, row.Hash);
        }

        if (checkpoint.Seq > 0 && lastCleanUp != Checkpoints.Subject(checkpoint.Seq))
        {
            findings.Add(new("checkpoint", lastCleanUp is null
                ? $"the log starts after entry {checkpoint.Seq}, but no clean-up entry records removing entries up to it"
                : $"the log starts after entry {checkpoint.Seq}, but the last clean-up recorded '{lastCleanUp}'"));
        }

        // The head says where the chain ends: entries cut off its end break no link, but leave the head ahead.
        if (site.Seq != expectedSeq - 1 || !string.Equals(site.Hash, expectedPrev, StringComparison.Ordinal))
        {
            findings.Add(new("log head", $"the log ends at entry {expectedSeq - 1}, but the site row's head is entry {site.Seq} (entries were removed from its end, or the head was moved)"));
        }

        return (chain, covered, count);
    }

    private static string? HashProblem(OperationLog.LogRow row, AuditKey? key, SiteAudit site)
    {
        var entry = row.ToChainEntry();
        if (row.Mac == ChainEntry.Keyed)
        {
            if (site.KeyedFrom is null)
            {
                return "it claims a keyed hash, but the books record no audit key";
            }

            return key is not null && !string.Equals(entry.KeyedHash(key), row.Hash, StringComparison.Ordinal)
                ? "its hash is not the audit key's hash of its content (edited, or the chain was recomputed without the key)"
                : null;
        }

        if (row.Mac is not null)
        {
            return $"its hash algorithm '{row.Mac}' is unknown";
        }

        if (site.KeyedFrom is { } from && row.Seq >= from)
        {
            return $"it is not keyed, but every entry from {from} on is (written, or rewritten, without the site's audit key)";
        }

        return string.Equals(entry.LegacyHash(), row.Hash, StringComparison.Ordinal) ? null : "its content does not match its hash (the entry was edited)";
    }

    private static Checkpoint CheckCheckpoint(IDbConnection connection, IDbTransaction? transaction, AuditKey? key, List<AuditFinding> findings)
    {
        var checkpoint = connection.QueryFirstOrDefault<Checkpoint>("SELECT seq AS Seq, hash AS Hash, at AS At, signature AS Signature FROM log_checkpoint WHERE id = 1", transaction: transaction);
        if (checkpoint is null)
        {
            return new Checkpoint { Seq = 0, Hash = OperationLog.Genesis };
        }

        if (key is not null && !string.Equals(Checkpoints.Signature(key, checkpoint.Seq, checkpoint.Hash, checkpoint.At ?? ""), checkpoint.Signature, StringComparison.Ordinal))
        {
            findings.Add(new("checkpoint", $"the checkpoint at entry {checkpoint.Seq} is not signed with the site's audit key (forged, or moved after a clean-up)"));
        }

        return checkpoint;
    }

    private sealed class SiteAudit
    {
        public long Seq { get; init; }

        public string Hash { get; init; } = "";

        public string? KeyId { get; init; }

        public string? PublicKey { get; init; }

        public long? KeyedFrom { get; init; }

        public long NextReceipt { get; init; }

        public long NextCardSerial { get; init; }
    }

    internal sealed class Checkpoint
    {
        public long Seq { get; init; }

        public string Hash { get; init; } = "";

        public string? At { get; init; }

        public string? Signature { get; init; }
    }

    /// <summary>The chain as walked: where it starts, and the hashes of the entries anchors name.</summary>
    private sealed class ChainView(Checkpoint checkpoint)
    {
        public Checkpoint Checkpoint { get; } = checkpoint;

        public Dictionary<long, string> Hashes { get; } = [];
    }

    private static string Plural(long count, string what) => string.Create(CultureInfo.InvariantCulture, $"{count} {what}{(count == 1 ? "" : "s")}");
}
