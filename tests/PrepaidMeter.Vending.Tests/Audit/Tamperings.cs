using System.Data;
using Dapper;
using PrepaidMeter.Vending.Audit;

namespace PrepaidMeter.Vending.Tests.Audit;

/// <summary>
/// What someone holding the database (but not the site's audit key) does to the books: the outside probe's list
/// and its variants. Each applies itself to a connection, or says it found nothing to tamper with in this history.
/// </summary>
internal sealed record Tampering(string Name, Func<IDbConnection, bool> Apply)
{
    public override string ToString() => Name;

    public static IReadOnlyList<Tampering> All { get; } =
    [
        new("an entry edited and the chain from it recomputed with plain SHA-256", c => EditAndRecompute(c, otherKey: null)),
        new("an entry edited and the chain from it recomputed with a key of one's own", c => EditAndRecompute(c, otherKey: AuditKey.Generate())),
        new("the tail cut and the site's head rolled back to the entry before", CutTail),
        new("a prefix deleted behind a checkpoint signed with a key of one's own", c => CutPrefix(c, forge: true)),
        new("a prefix deleted with no checkpoint at all", c => CutPrefix(c, forge: false)),
        new("an entry deleted from the middle", DeleteMiddle),
        new("update sales set money = 1, credit = 100000", c => Rows(c, "UPDATE sales SET money = 1, credit = 100000 WHERE id = (SELECT MAX(id) FROM sales WHERE status = 'committed')")),
        new("a committed sale deleted", DeleteSale),
        new("a committed sale marked cancelled", c => Rows(c, "UPDATE sales SET status = 'cancelled' WHERE id = (SELECT MIN(id) FROM sales WHERE status = 'committed')")),
        new("a sale put in behind the back office, with its receipt number", ForgeSale),
        new("an account's arrears cleared and purchase count moved", c => Rows(c, "UPDATE accounts SET arrears = 0, purchase_count = purchase_count + 1")),
        new("the administrator demoted (operators.role)", c => Rows(c, "UPDATE operators SET role = 'cashier' WHERE login = 'admin'")),
        new("a cashier promoted (operators.role)", c => Rows(c, "UPDATE operators SET role = 'administrator' WHERE login <> 'admin'")),
        new("the cashier role given every function", c => Rows(c, "UPDATE roles SET permissions = 'sales,queries,operators,site,audit-clean' WHERE name = 'cashier'")),
        new("site.next_receipt moved back", c => Rows(c, "UPDATE site SET next_receipt = next_receipt - 1 WHERE next_receipt > 1")),
        new("site.next_receipt moved on", c => Rows(c, "UPDATE site SET next_receipt = next_receipt + 3")),
        new("a price version's tariff changed", c => Rows(c, "UPDATE price_versions SET definition = '{\"kind\":\"flat\",\"price\":\"0.0100\"}' WHERE id = (SELECT MIN(id) FROM price_versions)")),
        new("a supply group's purchase limit raised", c => Rows(c, "UPDATE supply_groups SET purchase_limit = purchase_limit * 10 + 1")),
        new("a partner payment's amount changed", c => Rows(c, "UPDATE payments SET amount = amount * 10 + 1 WHERE id = (SELECT MIN(id) FROM payments)")),
        new("an account transfer's kept arrears and reason changed", c => Rows(c, "UPDATE account_transfers SET arrears_kept = arrears_kept + 100, reason = 'nothing' WHERE id = (SELECT MIN(id) FROM account_transfers)")),
        new("an invoice template's tax rate lowered", c => Rows(c, "UPDATE invoice_templates SET body = REPLACE(body, '| 1300', '| 100')")),
        new("a dictionary entry renamed behind the back office", c => Rows(c, "UPDATE dictionary_entries SET name = 'forged' WHERE id = (SELECT MIN(id) FROM dictionary_entries)")),
        new("a named reader pointed at another reader", c => Rows(c, "UPDATE ports SET device = 'pcsc:Elsewhere' WHERE id = (SELECT MIN(id) FROM ports)")),
        new("an account's capacity change raised (capacity_changes.watts)", c => Rows(c, "UPDATE capacity_changes SET watts = watts * 10 WHERE id = (SELECT MIN(id) FROM capacity_changes)")),
        new("an account's power type change moved back a year (power_type_changes.effective_from)",
            c => Rows(c, "UPDATE power_type_changes SET effective_from = '2025-01-01T00:00:00.0000000Z' WHERE id = (SELECT MIN(id) FROM power_type_changes)")),
        new("a closing's refund raised (closings.refunded)", c => Rows(c, "UPDATE closings SET refunded = refunded + 10000 WHERE id = (SELECT MIN(id) FROM closings)")),
        new("a closed account opened again (accounts.status)", c => Rows(c, "UPDATE accounts SET status = 'open' WHERE status = 'closed'")),
        new("an error-tolerance use's evidence and reason rewritten", c => Rows(c, "UPDATE tolerance_uses SET evidence = 'reading', reason = 'as agreed' WHERE id = (SELECT MIN(id) FROM tolerance_uses)")),
        new("a reading round's silent meters cleared and counted as answered", c => Rows(c, "UPDATE reading_rounds SET silent = '', answered = polled WHERE id = (SELECT MIN(id) FROM reading_rounds WHERE silent <> '')")),
        new("a kWh of a split sale moved from one share to another (sale_shares.energy)", c => Rows(c,
            "UPDATE sale_shares SET energy = energy + CASE WHEN position = 0 THEN 100 ELSE -100 END WHERE sale_id = (SELECT MIN(sale_id) FROM sale_shares) AND position IN (0, 1)")),
        new("a split's share given to another price type (split_shares.price_type_id)", c => Rows(c,
            """
            UPDATE split_shares SET price_type_id = (SELECT MIN(p.id) FROM price_types p WHERE p.id <> split_shares.price_type_id)
            WHERE id = (SELECT MAX(id) FROM split_shares) AND EXISTS (SELECT 1 FROM price_types p WHERE p.id <> split_shares.price_type_id)
            """)),
        new("a row edited and its digest in the covering entry rewritten to match", RewriteDigest),
    ];

    private static bool Rows(IDbConnection connection, string sql) => connection.Execute(sql) > 0;

    private static bool EditAndRecompute(IDbConnection connection, AuditKey? otherKey)
    {
        var entries = connection.Query<OperationLog.LogRow>($"SELECT {OperationLog.LogRow.Columns} FROM operation_log ORDER BY seq").ToList();
        var from = entries.Count / 2;
        var previous = entries[from].PrevHash;
        for (var i = from; i < entries.Count; i++)
        {
            var entry = entries[i].ToChainEntry() with { PrevHash = previous, Detail = i == from ? "nothing happened here" : entries[i].Detail };
            previous = otherKey is null ? entry.LegacyHash() : entry.KeyedHash(otherKey);
            connection.Execute("UPDATE operation_log SET detail = @Detail, prev_hash = @PrevHash, hash = @previous, mac = @mac WHERE seq = @Seq",
                new { entry.Detail, entry.PrevHash, previous, mac = otherKey is null ? null : ChainEntry.Keyed, entry.Seq });
        }

        connection.Execute("UPDATE site SET log_hash = @previous", new { previous });
        otherKey?.Dispose();
        return true;
    }

    private static bool CutTail(IDbConnection connection)
    {
        var head = connection.ExecuteScalar<long>("SELECT MAX(seq) FROM operation_log");
        connection.Execute("DELETE FROM operation_log WHERE seq > @cut", new { cut = head - 2 });
        var last = connection.QuerySingle<(long Seq, string Hash)>("SELECT seq, hash FROM operation_log ORDER BY seq DESC LIMIT 1");
        connection.Execute("UPDATE site SET log_seq = @Seq, log_hash = @Hash", new { last.Seq, last.Hash });
        return true;
    }

    private static bool CutPrefix(IDbConnection connection, bool forge)
    {
        var cut = connection.QuerySingle<(long Seq, string Hash)>("SELECT seq, hash FROM operation_log WHERE seq = 5");
        connection.Execute("DELETE FROM operation_log WHERE seq <= 5");
        if (forge)
        {
            using var ownKey = AuditKey.Generate();
            const string at = "2026-11-23T08:30:00.0000000Z";
            connection.Execute("DELETE FROM log_checkpoint; INSERT INTO log_checkpoint (id, seq, hash, at, signature) VALUES (1, @Seq, @Hash, @at, @signature)",
                new { cut.Seq, cut.Hash, at, signature = Checkpoints.Signature(ownKey, cut.Seq, cut.Hash, at) });
        }

        return true;
    }

    private static bool DeleteMiddle(IDbConnection connection) =>
        connection.Execute("DELETE FROM operation_log WHERE seq = (SELECT MAX(seq) FROM operation_log) / 2") > 0;

    private static bool DeleteSale(IDbConnection connection)
    {
        if (connection.ExecuteScalar<long?>("SELECT MAX(id) FROM sales WHERE status = 'committed'") is not { } id)
        {
            return false;
        }

        // What refers to it is unhooked first, as someone deleting it would have to.
        connection.Execute("UPDATE payments SET applied_sale_id = NULL WHERE applied_sale_id = @id; UPDATE sales SET replaces_sale_id = NULL WHERE replaces_sale_id = @id; "
            + "UPDATE closings SET sale_id = NULL WHERE sale_id = @id; UPDATE tolerance_uses SET sale_id = NULL WHERE sale_id = @id; "
            + "UPDATE card_writes SET sale_id = NULL WHERE sale_id = @id; DELETE FROM sale_shares WHERE sale_id = @id", new { id });
        return connection.Execute("DELETE FROM sales WHERE id = @id", new { id }) > 0;
    }

    private static bool ForgeSale(IDbConnection connection)
    {
        var account = connection.QuerySingle<(long Id, long MeterId, long Serial, long Count)>("SELECT id, meter_id, card_serial, purchase_count FROM accounts ORDER BY id LIMIT 1");
        var receipt = connection.ExecuteScalar<long>("UPDATE site SET next_receipt = next_receipt + 1 RETURNING next_receipt - 1");
        connection.Execute(
            """
            INSERT INTO sales (receipt_no, account_id, meter_id, kind, status, purchase_count, card_serial, credit_unit, credit, energy, money, arrears_collected, operator, created_at, settled_at)
            VALUES (@receipt, @Id, @MeterId, 'sale', 'committed', @Count, @Serial, 'energy', 100000, 100000, 1, 0, 'admin', '2026-11-23T08:30:00.0000000Z', '2026-11-23T08:30:00.0000000Z')
            """, new { receipt, account.Id, account.MeterId, account.Count, account.Serial });
        return true;
    }

    /// <summary>The forger edits a sale and puts the new digest into the entry that covers it: the entry's keyed hash then no longer holds.</summary>
    private static bool RewriteDigest(IDbConnection connection)
    {
        var entry = connection.Query<OperationLog.LogRow>($"SELECT {OperationLog.LogRow.Columns} FROM operation_log WHERE covers LIKE '%sales %' ORDER BY seq DESC LIMIT 1").SingleOrDefault();
        if (entry is null)
        {
            return false;
        }

        var covered = CoveredRows.Parse(entry.Covers).First(r => r.Table == "sales");
        connection.Execute("UPDATE sales SET money = money + 1000 WHERE id = @id", new { id = long.Parse(covered.Key, System.Globalization.CultureInfo.InvariantCulture) });
        var digest = RowDigest.Current(connection, null, AuditedTable.Sales, covered.Key);
        connection.Execute("UPDATE operation_log SET covers = @covers WHERE seq = @Seq",
            new { covers = entry.Covers!.Replace($"sales {covered.Key} {covered.Digest}", $"sales {covered.Key} {digest}", StringComparison.Ordinal), entry.Seq });
        return true;
    }
}
