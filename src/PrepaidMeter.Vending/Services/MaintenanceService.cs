using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;

using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Services;

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

        if (Path.GetDirectoryName(full) is { } folder && !Directory.Exists(folder))
        {
            return Refuse.NotFound($"no folder '{folder}'");
        }

        var logged = _context.Write<bool>(session, Permission.Backup, scope =>
        {
            scope.Log("backup", full, "");
            return true;
        });
        if (!logged.Success)
        {
            return logged.Refusal!;
        }

        try
        {
            _context.Database.BackupTo(full);
        }
        catch (VendingStorageException e)
        {
            return _context.Unavailable(e, "no backup was written");
        }

        return full;
    }

    /// <summary>Replaces the books with a backup; the restored log gets an entry saying so.</summary>
    public VendResult<string> Restore(OperatorSession session, string path)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.Check(Permission.Backup) is { } denied)
        {
            return denied;
        }

        if (_context.Database.RestoreFrom(path) is { } problem)
        {
            return Refuse.Invalid(problem);
        }

        _context.Database.Migrate();
        _context.Write<bool>(session, null, scope =>
        {
            scope.Log("restore", Path.GetFullPath(path), "the books were replaced by this backup");
            return true;
        });
        return Path.GetFullPath(path);
    }

    /// <summary>Removes log entries older than <paramref name="before"/> (at least 30 days old), keeping the chain verifiable.</summary>
    public VendResult<int> CleanLog(OperatorSession session, DateTimeOffset before) =>
        _context.Write<int>(session, Permission.Audit, scope =>
        {
            if (before > scope.Now.AddDays(-30))
            {
                return Refuse.Invalid("the operation log keeps at least the last 30 days");
            }

            var removed = OperationLog.RemoveBefore(scope.Connection, scope.Transaction, before);
            scope.Log("log clean-up", OperationLog.Stamp(before), $"{removed} entries removed; the chain continues from a checkpoint");
            return removed;
        });

    public VendResult<IReadOnlyList<LogBreak>> VerifyLog(OperatorSession session) =>
        _context.Read<IReadOnlyList<LogBreak>>(session, Permission.Audit, connection => OperationLog.Verify(connection).ToList());
}
