using System.Diagnostics;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>`prepaid` as a child process of its own (a device, a server, a counter to kill), read line by line and stopped by signal.</summary>
internal static class ChildPrepaid
{
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "prepaid.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs `prepaid` to its end with standard output sent to <paramref name="stdout"/> by the shell (/dev/full), and returns its exit code and stderr.</summary>
    public static async Task<(int Exit, string Err)> RunWithStdoutTo(string stdout, params string[] args)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in (string[])["-c", "exec \"$@\" > \"$0\"", stdout, "dotnet", Path.Combine(AppContext.BaseDirectory, "prepaid.dll"), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var error = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, error);
    }

    public static async Task<string> ReadUntil(StreamReader stream, string marker)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await stream.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"the stream ended before '{marker}'");
    }

    public static async Task Stop(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, await process.StandardError.ReadToEndAsync());
    }
}
