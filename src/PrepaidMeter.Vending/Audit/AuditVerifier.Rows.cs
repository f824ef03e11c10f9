using System.Data;
using Dapper;

namespace PrepaidMeter.Vending.Audit;

public static partial class AuditVerifier
{
    // Past this many findings of one kind in one table, the rest are counted, not listed.
    private const int ListedPerTable = 20;

    /// <summary>Every audited row against the latest digest an entry recorded for it; returns how many rows were read.</summary>
    private static long CheckRows(IDbConnection connection, IDbTransaction? transaction, Dictionary<(string Table, string Key), (long Seq, string Digest)> covered, List<AuditFinding> findings)
    {
        // A card write in flight has inserted its pending sale (and, opening an account, the pending account) in a
        // transaction that logs nothing yet (a split account's sale, its shares too); its settlement covers them, or its discard records them deleted.
        var inFlightSales = connection.Query<long>("SELECT sale_id FROM card_writes WHERE sale_id IS NOT NULL", transaction: transaction).Select(id => RowDigest.KeyText(id)).ToHashSet();
        var inFlightShares = connection.Query<long>("SELECT x.id FROM sale_shares x JOIN card_writes w ON w.sale_id = x.sale_id", transaction: transaction).Select(id => RowDigest.KeyText(id)).ToHashSet();
        var inFlightAccounts = connection.Query<long>("SELECT account_id FROM card_writes WHERE account_id IS NOT NULL", transaction: transaction).Select(id => RowDigest.KeyText(id)).ToHashSet();
        var coveredByTable = covered.ToLookup(c => c.Key.Table, StringComparer.Ordinal);
        long rows = 0;
        foreach (var table in AuditedTable.All)
        {
            var listed = new TableFindings(table, findings);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, digest) in RowDigest.All(connection, table, transaction))
            {
                rows++;
                seen.Add(key);
                var inFlight = table == AuditedTable.Sales && inFlightSales.Contains(key) || table == AuditedTable.Accounts && inFlightAccounts.Contains(key)
                    || table == AuditedTable.SaleShares && inFlightShares.Contains(key);
                if (covered.TryGetValue((table.Name, key), out var entry))
                {
                    if (entry.Digest == RowDigest.Deleted && inFlight)
                    {
                        // SQLite hands a discarded row's id to the next insert: a pending row in flight may carry the
                        // key of one an earlier discard recorded deleted. Its own settlement judges it.
                    }
                    else if (entry.Digest == RowDigest.Deleted)
                    {
                        listed.Add(key, $"entry {entry.Seq} recorded it deleted, yet it is there (put back behind the back office)");
                    }
                    else if (!string.Equals(entry.Digest, digest, StringComparison.Ordinal))
                    {
                        listed.Add(key, $"it does not match its digest in entry {entry.Seq} (edited after it was committed)");
                    }
                }
                else if (!inFlight)
                {
                    listed.Add(key, "no log entry covers it (written behind the back office)");
                }
            }

            foreach (var ((_, key), (seq, digest)) in coveredByTable[table.Name])
            {
                if (digest != RowDigest.Deleted && !seen.Contains(key))
                {
                    listed.Add(key, $"it is gone, but entry {seq} covers it (deleted behind the back office)");
                }
            }

            listed.Close();
        }

        return rows;
    }

    /// <summary>Receipts are numbered 1, 2, 3 ... with no gap up to the site's next; no card in the books has a serial at or past the site's next.</summary>
    private static void CheckReceiptsAndSerials(IDbConnection connection, IDbTransaction? transaction, SiteAudit site, List<AuditFinding> findings)
    {
        var expected = 1L;
        var gaps = new List<string>();
        foreach (var receipt in connection.Query<long>("SELECT receipt_no FROM sales WHERE receipt_no IS NOT NULL ORDER BY receipt_no", transaction: transaction, buffered: false))
        {
            if (receipt != expected)
            {
                gaps.Add(receipt > expected ? $"{expected}..{receipt - 1} missing" : $"{receipt} repeated");
            }

            expected = receipt + 1;
        }

        if (expected != site.NextReceipt)
        {
            gaps.Add(expected < site.NextReceipt ? $"{expected}..{site.NextReceipt - 1} missing at the end" : $"the site's next receipt is {site.NextReceipt}, below receipts issued");
        }

        if (gaps.Count > 0)
        {
            findings.Add(new("receipts", $"not gap-free: {string.Join("; ", gaps.Take(ListedPerTable))}{(gaps.Count > ListedPerTable ? $"; and {gaps.Count - ListedPerTable} more" : "")}"));
        }

        var highest = connection.ExecuteScalar<long?>(
            "SELECT MAX(s) FROM (SELECT MAX(card_serial) AS s FROM accounts UNION ALL SELECT MAX(card_serial) FROM tool_cards UNION ALL SELECT MAX(card_serial) FROM sales UNION ALL SELECT MAX(new_serial) FROM reissues) AS serials", transaction: transaction);
        if (highest is { } serial && serial >= site.NextCardSerial)
        {
            findings.Add(new("card serials", $"card {serial} is in the books, but the site's next card serial is {site.NextCardSerial} (a serial could be issued twice)"));
        }
    }

    /// <summary>Findings of one table, listed up to a limit and counted past it.</summary>
    private sealed class TableFindings(AuditedTable table, List<AuditFinding> findings)
    {
        private int _count;

        public void Add(string key, string problem)
        {
            if (++_count <= ListedPerTable)
            {
                findings.Add(new($"{table.Name} {key}", problem));
            }
        }

        public void Close()
        {
            if (_count > ListedPerTable)
            {
                findings.Add(new(table.Name, $"and {Plural(_count - ListedPerTable, "more row")} like those above"));
            }
        }
    }
}
