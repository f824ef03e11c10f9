using System.Diagnostics;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>`prepaid meter serve` as its own process on one end of a socat pair, as a meter on a bench is.</summary>
internal static class MeterServeProcess
{
    /// <summary>Starts it and waits, bounded, for the line that says it answers; that line must contain <paramref name="banner"/>.</summary>
    public static Process Start(string meterFile, string port, string banner, params string[] more) => Start(["-m", meterFile], port, banner, more);

    /// <summary>As <see cref="Start(string, string, string, string[])"/>, with every meter file in <paramref name="folder"/> on the one line (a bus).</summary>
    public static Process StartBus(string folder, string port, string banner) => Start(["--folder", folder], port, banner, []);

    private static Process Start(string[] meters, string port, string banner, string[] more)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "prepaid.dll"), "meter", "serve", .. meters, "--serial", port, .. more.Contains("--baud") ? [] : (string[])["--baud", "9600"], .. more])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        // Bounded, so a broken start fails the test instead of hanging it.
        var ready = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        if (ready is null)
        {
            process.WaitForExit(5_000);
            throw new InvalidOperationException($"prepaid meter serve did not start: {process.StandardError.ReadToEnd()}");
        }

        ready.ShouldContain(banner);
        return process;
    }

    /// <summary>SIGTERM, as a bench operator's Ctrl-C; its exit code.</summary>
    public static async Task<int> StopAsync(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        // A guard against a hang, not a speed check: a meter that ignores SIGTERM fails here instead of stalling the run.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(guard.Token);
        return process.ExitCode;
    }
}
