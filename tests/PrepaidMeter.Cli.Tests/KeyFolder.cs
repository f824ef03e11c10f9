using System.Runtime.CompilerServices;

namespace PrepaidMeter.Cli.Tests;

/// <summary>
/// The sites these tests make keep their audit keys where `prepaid vend` keeps them by default, under
/// $XDG_CONFIG_HOME — here a folder of this test run's own (set once for the process, inherited by every
/// `prepaid` child), so no test writes into the user's home.
/// </summary>
internal static class KeyFolder
{
    private const string Prefix = "prepaid-cli-tests-";

    // A crash host (Crash/CrashHost.cs) is this assembly started by a test: it keeps the folder of the run that started it.
    public static string Path { get; } =
        Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { } inherited && System.IO.Path.GetFileName(inherited).StartsWith(Prefix, StringComparison.Ordinal)
            ? inherited
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-config");

    /// <summary>The back office on books `prepaid vend init` made, with the site's audit key from where init kept it; its reports and queries read <paramref name="reportDb"/> when given.</summary>
    public static PrepaidMeter.Vending.BackOffice Office(string db, string? reportDb = null)
    {
        var database = PrepaidMeter.Vending.Storage.VendingDatabase.Connect(db);
        var keyId = new PrepaidMeter.Vending.BackOffice(database).Site.AuditKeyId() ?? throw new InvalidOperationException($"{db} has no audit key");
        var text = string.Join('\n', File.ReadAllLines(PrepaidMeter.Cli.Commands.Vend.Call.AuditKeyFiles.DefaultPath(keyId)).Where(line => !line.StartsWith('#')));
        var key = PrepaidMeter.Vending.Audit.AuditKey.Parse(text, out var problem) ?? throw new InvalidOperationException(problem);
        return new PrepaidMeter.Vending.BackOffice(database, new PrepaidMeter.Vending.Transactions.BackOfficeOptions
        {
            AuditKey = key, ReportDatabase = reportDb is null ? null : PrepaidMeter.Vending.Storage.VendingDatabase.Connect(reportDb),
        });
    }

    [ModuleInitializer]
    internal static void UseOwnConfigFolder()
    {
        Directory.CreateDirectory(Path);
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", Path);
    }
}
