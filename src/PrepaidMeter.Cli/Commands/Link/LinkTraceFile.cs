using System.CommandLine;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.MeterLink.Tracing;

namespace PrepaidMeter.Cli.Commands.Link;

/// <summary>
/// `--trace FILE` on `prepaid link ...` and `prepaid meter serve`: every DL/T 645 or CJ/T 188 frame both ways, decoded
/// (docs/dlt645.md and docs/cjt188.md, "Traces").
/// </summary>
internal static class LinkTraceFile
{
    public static Option<string?> Option(string protocol = "DL/T 645") => new("--trace") { Description = $"Write every {protocol} frame both ways, decoded, to this file (JSON Lines)" };

    /// <summary>The trace to record into, or null without `--trace`; <paramref name="failure"/> is the exit code when the file cannot be written.</summary>
    public static LinkTrace? Open(string? path, CommandContext context, out int? failure)
    {
        failure = null;
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        try
        {
            return LinkTrace.Create(path, context.Time);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            failure = context.Fail(ExitCodes.Environment, $"--trace {path}: cannot write it: {e.Message}");
            return null;
        }
    }
}
