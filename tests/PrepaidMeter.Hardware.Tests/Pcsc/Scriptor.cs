using System.Diagnostics;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>pcsc-tools' `scriptor`, a PC/SC client this project did not write (tools/test.sh installs pcsc-tools).</summary>
internal static class Scriptor
{
    /// <summary>Runs scriptor on <paramref name="reader"/> with the script on stdin; returns what it printed.</summary>
    /// <param name="environment">Variables to set for it (a spy's HOME and LD_LIBRARY_PATH).</param>
    public static async Task<string> RunAsync(string reader, string[] commands, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("scriptor") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-r");
        start.ArgumentList.Add(reader);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("scriptor is not installed: tools/test.sh installs pcsc-tools", e);
        }

        using (process)
        {
            await process.StandardInput.WriteAsync(string.Join('\n', commands) + "\n");
            process.StandardInput.Close();
            // A guard against a hang, not a speed check: a card that stops answering fails here instead of stalling the run.
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var output = await process.StandardOutput.ReadToEndAsync(guard.Token);
            await process.WaitForExitAsync(guard.Token);
            return output;
        }
    }

    /// <summary>Each response line's bytes: `&lt; 90 00 : Normal processing.` → `90 00`; a reset's `OK: ATR`.</summary>
    public static string[] Answers(string output) =>
        [.. output.Split('\n').Where(l => l.StartsWith("< ", StringComparison.Ordinal)).Select(l => l[2..].Split(" : ")[0].Trim())];
}
