using System.Diagnostics;
using System.Globalization;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Cli.Tests.Crash;

/// <summary>
/// The test assembly's entry point: `dotnet PrepaidMeter.Cli.Tests.dll CLOCK CRASH -- prepaid arguments` runs `prepaid`
/// with <see cref="CliHooks"/> that a shipped `prepaid` cannot switch on, and kills itself (SIGKILL, as a power cut
/// or `kill -9` would) where it is told:
/// <list type="bullet">
/// <item>`--at STEP`: once the card write reaches that <see cref="CardWriteStep"/> (Recording, Recorded, CardWrittenUnverified, CardWritten, Settling, Committed);</item>
/// <item>`--tear K`: once K bytes of card writes have reached the card (the write that crosses K goes in part);</item>
/// <item>`--none`: nowhere — the same run left alone, for the books and card to compare with.</item>
/// </list>
/// CLOCK (ISO 8601) is the time every stamp of the run takes, so a killed run and one left alone can be compared row by row.
/// xunit's runner never calls this (the test SDK's generated entry point is switched off in the project).
/// </summary>
internal static class CrashHost
{
    public static async Task<int> Main(string[] args)
    {
        var separator = Array.IndexOf(args, "--");
        if (separator is not (2 or 3) || (separator == 2) != (args[1] == "--none"))
        {
            await Console.Error.WriteLineAsync("usage: PrepaidMeter.Cli.Tests.dll CLOCK (--at STEP | --tear BYTES | --none) -- PREPAID-ARGS");
            return 2;
        }

        WriteBudget? budget = null;
        var clock = new FixedClock(DateTimeOffset.Parse(args[0], CultureInfo.InvariantCulture));
        var hooks = args[1] switch
        {
            "--at" => new CliHooks { Time = clock, AfterCardWriteStep = step => { if (step == Enum.Parse<CardWriteStep>(args[2])) { Die(); } } },
            "--tear" => new CliHooks { Time = clock, WrapReader = reader => new TearingReader(reader, budget ??= new WriteBudget(int.Parse(args[2], CultureInfo.InvariantCulture)), Die) },
            "--none" => new CliHooks { Time = clock },
            _ => throw new ArgumentException($"unknown crash '{args[1]}'"),
        };
        var prepaid = args[(separator + 1)..];
        return await PrepaidApp.RunAsync(prepaid, Console.Out, Console.Error, hooks);
    }

    /// <summary>Ends the process at once: no finally block, no flush, no dispose runs.</summary>
    private static void Die()
    {
        Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }

}
