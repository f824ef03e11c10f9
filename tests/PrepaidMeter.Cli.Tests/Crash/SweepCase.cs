using System.Diagnostics;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Cli.Tests.Crash;

/// <summary>One case of the crash sweep: its own copy of the books and card files, run at the template's stopped clock.</summary>
internal sealed class SweepCase(TempFolder folder, string db, bool onPostgres, DateTimeOffset clock) : IDisposable
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(60);

    public bool OnPostgres => onPostgres;

    /// <summary>Runs the commands that bring the books to where <paramref name="operation"/> can run.</summary>
    public async Task Prepare(SweptOperation operation)
    {
        foreach (var command in operation.Before)
        {
            var done = await Run(command);
            if (done.Exit != 0)
            {
                throw new InvalidOperationException($"{operation}: '{string.Join(' ', command)}' failed: {done.Err}");
            }
        }
    }

    /// <summary>`prepaid` in process at the stopped clock; given a <paramref name="budget"/>, counting the bytes it writes to cards.</summary>
    public async Task<(int Exit, string Out, string Err)> Run(string[] command, WriteBudget? budget = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var hooks = new CliHooks
        {
            Time = new FixedClock(clock),
            WrapReader = budget is null ? null : reader => new TearingReader(reader, budget, () => throw new InvalidOperationException("the budget ran out")),
        };
        var exit = await PrepaidApp.RunAsync(Fill(command), output, error, hooks);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// `prepaid` in a child process (the crash host, this test assembly) that kills itself where <paramref name="crash"/> says
    /// ("--at STEP" or "--tear BYTES"); its exit code and standard error.
    /// </summary>
    public async Task<(int Exit, string Err)> RunKilled(string[] command, params string[] crash)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "PrepaidMeter.Cli.Tests.dll"), clock.ToString("O"), .. crash, "--", .. Fill(command)])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PREPAID_OPERATOR"] = "admin";
        start.Environment["PREPAID_PASSWORD"] = "admin-pass-1";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(ChildTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = await process.StandardError.ReadToEndAsync(timeout.Token);
        await output;
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, error);
    }

    public CaseSnapshot Snapshot() =>
        new(BooksFingerprint.Of(db),
            Directory.EnumerateFiles(folder.File("cards")).ToDictionary(f => Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal));

    private string[] Fill(string[] command) =>
        [.. command.Select(a => a.Replace("{db}", db, StringComparison.Ordinal).Replace("{folder}", folder.Path, StringComparison.Ordinal))];

    public void Dispose()
    {
        if (onPostgres)
        {
            PostgresServer.DropSharedDatabase(db);
        }

        SqliteVendingDatabase.ClearPools();
        folder.Dispose();
    }
}
