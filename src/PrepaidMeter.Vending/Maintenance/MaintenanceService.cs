using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;

using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Maintenance;

/// <summary>Backup and restore (数据备份 / 恢复), clean-up of old log entries, and the audit of the log chain.</summary>
public sealed class MaintenanceService
{
    private readonly VendingContext _context;

    internal MaintenanceService(VendingContext context) => _context = context;

    /// <summary>Writes a consistent copy of the books to <paramref name="path"/>; the backup records itself in the log first.</summary>
    public VendResult<string> Backup(OperatorSession session, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return Refuse.Conflict($"'{full}' exists; a backup never overwrites a file");
        }

        if (Directory.Exists(full))
        {
            return new Refusal(RefusalReason.Unwritable, $"cannot write {path}: {full} is a folder, not a file");
        }

        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            return new Refusal(RefusalReason.Unwritable, $"cannot write {path}: no such folder {folder}");
        }

        var logged = _context.Write<bool>(session, Permission.Backup, scope =>
        {
            scope.Log("backup", full, "");
            return true;
        });
        if (!logged.Success)
        {
            return logged.Refusal;
        }

        try
        {
            _context.Database.BackupTo(full);
        }
        catch (VendingStorageException e)
        {
            return _context.Unavailable(e, "no backup was written");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The entry that announced the backup is committed (so the backup would have held it): say it failed.
            _context.Write<bool>(session, null, scope =>
            {
                scope.Log("backup failed", full, e.Message);
                return true;
            });
            return new Refusal(RefusalReason.Unwritable, $"cannot write {path}: {e.Message}; no backup was written");
        }

        return full;
    }

    /// <summary>Replaces the books with a backup (needs "backup" and "site": an administrator's); the restored log gets an entry saying so.</summary>
    public VendResult<string> Restore(OperatorSession session, string path)
    {
        ArgumentNullException.ThrowIfNull(session);
        // Restoring replaces everything, operators and log included: a backup operator alone may not, an administrator may.
        if ((session.Check(Permission.Backup) ?? session.Check(Permission.SiteManagement)) is { } denied)
        {
            return denied;
        }

        // A backup of another site (another audit key) would leave books this key cannot write: refused before anything is replaced.
        var key = _context.Options.AuditKey;
        if (key is not null && _context.Database.AuditKeyIdOfBackup(path) is { Known: true, KeyId: { } backupKey } && backupKey != key.Id)
        {
            return Refuse.Conflict($"'{path}' is a backup of the site keyed {backupKey}, not of this one ({key.Id}); nothing was replaced");
        }

        if (_context.Database.RestoreFrom(path) is { } problem)
        {
            return Refuse.Invalid(problem);
        }

        _context.Database.Migrate();
        var logged = _context.Write<bool>(session, null, scope =>
        {
            scope.Log("restore", Path.GetFullPath(path), "the books were replaced by this backup");
            return true;
        });

        // Where the backup could not be looked into first (a server's dump), its key shows only now.
        return logged.Success ? Path.GetFullPath(path)
            : new Refusal(logged.Refusal.Reason, $"the books were replaced by '{path}', but its restore could not be logged: {logged.Refusal.Message}");
    }

    /// <summary>
    /// Removes log entries older than <paramref name="before"/> (at least 30 days old), keeping every row covered and
    /// the chain verifiable from a signed checkpoint (<see cref="LogCleanup"/>). An administrator's function, and only
    /// on an intact log: a clean-up must never be the way evidence goes.
    /// </summary>
    public VendResult<int> CleanLog(OperatorSession session, DateTimeOffset before) =>
        _context.Write<int>(session, Permission.AuditCleanUp, scope =>
        {
            if (before > scope.Now.AddDays(-30))
            {
                return Refuse.Invalid("the operation log keeps at least the last 30 days");
            }

            var audit = AuditVerifier.Verify(scope.Connection, _context.Options.AuditKey, transaction: scope.Transaction);
            if (!audit.Intact)
            {
                return Refuse.Conflict($"the books do not verify ({audit.Findings.Count} finding(s), the first: {audit.Findings[0]}); nothing was removed — run 'prepaid vend audit verify'");
            }

            return LogCleanup.RemoveBefore(scope, _context.Options.AuditKey!, before) is { } removed ? removed : Refuse.NotFound($"no entry is older than {OperationLog.Stamp(before)}");
        });

    /// <summary>Checks the whole books (<see cref="AuditVerifier"/>): with the site's audit key, who wrote them too.</summary>
    public VendResult<AuditReport> Audit(OperatorSession session, IReadOnlyList<AnchorLine>? anchors = null) =>
        _context.Read<AuditReport>(session, Permission.Audit, connection => AuditVerifier.Verify(connection, _context.Options.AuditKey, anchors));

    /// <summary>
    /// Signs the log's head with the site's key and hands the anchor to <paramref name="keep"/> (which puts it outside
    /// the database: an anchor file) before the anchoring is logged, after the head it signed: an anchor that could not
    /// be kept leaves no entry claiming it was.
    /// </summary>
    public VendResult<Anchor> Anchor(OperatorSession session, Action<Anchor>? keep = null) =>
        _context.Write<Anchor>(session, Permission.Audit, scope =>
        {
            var head = OperationLog.Head(scope.Connection, scope.Transaction);
            var anchor = Anchors.Sign(_context.Options.AuditKey!, head, scope.Now);
            keep?.Invoke(anchor);
            scope.Log("audit anchor", $"entry {head.Seq}", $"head {head.Hash} signed with key {anchor.KeyId}");
            return anchor;
        });

    /// <summary>The head of the log now (the daily report prints it).</summary>
    public VendResult<LogHead> Head(OperatorSession session) =>
        _context.Read<LogHead>(session, Permission.Queries, connection => OperationLog.Head(connection));
}
