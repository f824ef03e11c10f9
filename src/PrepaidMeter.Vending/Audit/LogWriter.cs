using System.Data;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Audit;

/// <summary>
/// The operation log's side of one write transaction. An entry takes its sequence number when the operation
/// logs it (that locks the site row, so on a server writers chain their entries in commit order), and is written
/// just before the commit, when the rows the operation covered are final: the last entry of the transaction
/// carries the digest of each of them as committed. Nothing is written without the site's audit key.
/// </summary>
internal sealed class LogWriter(IDbConnection connection, IDbTransaction transaction, AuditKey? key)
{
    private readonly List<Reserved> _entries = [];
    private readonly Dictionary<(string Table, string Key), (AuditedTable Table, string? Carried)> _covered = [];
    private readonly List<(AuditedTable Table, long From, long To)> _ranges = [];
    private string _previousHash = "";

    public int Entries => _entries.Count;

    /// <summary>The row will be covered by this transaction's entry, with its digest as the transaction leaves it.</summary>
    public void Cover(AuditedTable table, string rowKey) => _covered.TryAdd((table.Name, rowKey), (table, null));

    /// <summary>The row is covered with a digest recorded earlier (carried forward by a clean-up), not recomputed.</summary>
    public void Carry(AuditedTable table, string rowKey, string digest) => _covered[(table.Name, rowKey)] = (table, digest);

    /// <summary>Every row of <paramref name="table"/> with an id from <paramref name="from"/> to <paramref name="to"/> is covered (a bulk write's rows, read once at the flush).</summary>
    public void CoverRange(AuditedTable table, long from, long to)
    {
        if (table.Key != "id")
        {
            throw new ArgumentException($"Table {table} is not keyed by id.", nameof(table));
        }

        if (from <= to)
        {
            _ranges.Add((table, from, to));
        }
    }

    public void Append(DateTimeOffset at, string operatorLogin, string action, string subject, string detail) =>
        Io.Wait(AppendAsync(at, operatorLogin, action, subject, detail, Io.Sync));

    /// <summary>As <see cref="Append"/>, the site row read as <paramref name="io"/> says.</summary>
    public async ValueTask AppendAsync(DateTimeOffset at, string operatorLogin, string action, string subject, string detail, Io io)
    {
        var head = await io.First<Head>(connection,
            "UPDATE site SET log_seq = log_seq + 1 WHERE id = 1 RETURNING log_seq AS Seq, log_hash AS Hash, audit_key_id AS KeyId", null, transaction)
            ?? throw NoSite();
        Reserve(head, at, operatorLogin, action, subject, detail);
    }

    /// <summary>
    /// Takes the site's next receipt number and the entry that records it (<paramref name="detail"/> of the number).
    /// Both live in the site row, so one statement moves both on: on a server that row stays locked to commit.
    /// </summary>
    public long AppendReceipt(DateTimeOffset at, string operatorLogin, string action, string subject, Func<long, string> detail) =>
        Io.Wait(AppendReceiptAsync(at, operatorLogin, action, subject, detail, Io.Sync));

    /// <summary>As <see cref="AppendReceipt"/>, the site row read as <paramref name="io"/> says.</summary>
    public async ValueTask<long> AppendReceiptAsync(DateTimeOffset at, string operatorLogin, string action, string subject, Func<long, string> detail, Io io)
    {
        var head = await io.First<Head>(connection,
            "UPDATE site SET next_receipt = next_receipt + 1, log_seq = log_seq + 1 WHERE id = 1 RETURNING next_receipt - 1 AS Receipt, log_seq AS Seq, log_hash AS Hash, audit_key_id AS KeyId",
            null, transaction)
            ?? throw NoSite();
        Reserve(head, at, operatorLogin, action, subject, detail(head.Receipt));
        return head.Receipt;
    }

    /// <summary>Writes the entries reserved, the last with the rows covered, and moves the head's hash on. Called once, before commit.</summary>
    public void Flush() => Io.Wait(FlushAsync(Io.Sync));

    /// <summary>As <see cref="Flush"/>, the rows read and the entries written as <paramref name="io"/> says.</summary>
    public async ValueTask FlushAsync(Io io)
    {
        if (_entries.Count == 0)
        {
            if (_covered.Count > 0 || _ranges.Count > 0)
            {
                throw new InvalidOperationException($"Rows were covered ({string.Join(", ", _covered.Keys)}) but no entry was logged.");
            }

            return;
        }

        var signer = key ?? throw AuditKeyException.Missing();
        List<CoveredRow> rows = [];
        foreach (var ((table, rowKey), (audited, carried)) in _covered)
        {
            rows.Add(new CoveredRow(table, rowKey, carried ?? await RowDigest.Current(connection, transaction, audited, rowKey, io)));
        }

        foreach (var (table, from, to) in _ranges)
        {
            rows.AddRange((await RowDigest.Range(connection, transaction, table, from, to, io))
                .Where(d => !_covered.ContainsKey((table.Name, d.Key))).Select(d => new CoveredRow(table.Name, d.Key, d.Digest)));
        }

        var covers = CoveredRows.Format(rows);
        var previous = _previousHash;
        for (var i = 0; i < _entries.Count; i++)
        {
            var e = _entries[i];
            var entry = new ChainEntry(e.Seq, OperationLog.Stamp(e.At), e.Operator, e.Action, e.Subject, e.Detail, i == _entries.Count - 1 ? covers : "", previous);
            var hash = entry.KeyedHash(signer);
            await io.Execute(connection,
                "INSERT INTO operation_log (seq, at, operator, action, subject, detail, covers, prev_hash, hash, mac) VALUES (@Seq, @At, @Operator, @Action, @Subject, @Detail, @Rows, @PrevHash, @hash, @mac)",
                new { entry.Seq, entry.At, entry.Operator, entry.Action, entry.Subject, entry.Detail, entry.Rows, entry.PrevHash, hash, mac = ChainEntry.Keyed }, transaction);
            previous = hash;
        }

        await io.Execute(connection, "UPDATE site SET log_hash = @previous WHERE id = 1", new { previous }, transaction);
        _entries.Clear();
        _covered.Clear();
        _ranges.Clear();
    }

    private void Reserve(Head head, DateTimeOffset at, string operatorLogin, string action, string subject, string detail)
    {
        if (key is null)
        {
            throw AuditKeyException.Missing();
        }

        if (head.KeyId != key.Id)
        {
            throw AuditKeyException.Wrong(key.Id, head.KeyId);
        }

        // Later reservations in the same transaction read the same stale hash (it moves at the flush): only the first counts.
        if (_entries.Count == 0)
        {
            _previousHash = head.Hash;
        }

        _entries.Add(new Reserved(head.Seq, at, operatorLogin, action, subject, detail));
    }

    private static InvalidOperationException NoSite() => new("The operation log needs the site row: initialise the site first.");

    private sealed record Reserved(long Seq, DateTimeOffset At, string Operator, string Action, string Subject, string Detail);

    private sealed class Head
    {
        public long Receipt { get; init; }

        public long Seq { get; init; }

        public string Hash { get; init; } = "";

        public string? KeyId { get; init; }
    }
}

/// <summary>The site's audit key is not at hand, or is not this site's: the books can be read, not written.</summary>
public sealed class AuditKeyException(string message) : Exception(message)
{
    public static AuditKeyException Missing() =>
        new("the site's audit key is not available, so the books are read-only (docs/vending.md, \"Audit\": PREPAID_AUDIT_KEY, PREPAID_AUDIT_KEY_FILE or --audit-key)");

    public static AuditKeyException Wrong(string given, string? site) => site is null
        ? new($"these books have no audit key yet; open them with 'prepaid vend' once to give them one (key {given} was offered)")
        : new($"the audit key offered ({given}) is not this site's ({site}); the books are read-only without the site's own key");
}
