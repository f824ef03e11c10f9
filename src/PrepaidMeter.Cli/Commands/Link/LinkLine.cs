using System.CommandLine;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Tracing;

namespace PrepaidMeter.Cli.Commands.Link;

/// <summary>
/// The serial line every `prepaid link` command talks over, whatever the protocol: patience checked, the trace opened,
/// then the port, traced with the protocol's codec when `--trace FILE` is given.
/// </summary>
internal static class LinkLine
{
    /// <summary>
    /// Runs <paramref name="body"/> with the line the options name and the link options they give. Bad patience is a
    /// usage error; a port or trace file that cannot be opened is the environment's.
    /// </summary>
    public static async Task<int> RunAsync(ParseResult parse, CommandContext context, LineOptions options, LinkProtocol protocol, Func<ISerialLine, LinkOptions, Task<int>> body)
    {
        if (parse.GetValue(options.Timeout) is < 10 or > 60_000 || parse.GetValue(options.Tries) is < 1 or > 20)
        {
            return context.Fail(ExitCodes.Usage, "--timeout is 10 to 60000 ms and --tries 1 to 20");
        }

        // The trace before the port: a trace that cannot be written stops the command before anything is sent.
        using var trace = LinkTraceFile.Open(parse.GetValue(options.Trace), context, out var traceProblem);
        if (traceProblem is not null)
        {
            return traceProblem.Value;
        }

        if (SerialPortLine.TryOpen(parse.GetValue(options.Port)!, options.Serial.Settings(parse), out var opened) is { } problem)
        {
            return context.Fail(ExitCodes.Environment, problem);
        }

        using ISerialLine line = trace is null ? opened! : new TracingSerialLine(opened!, trace, protocol);
        return await body(line, new LinkOptions(parse.GetValue(options.Tries), TimeSpan.FromMilliseconds(parse.GetValue(options.Timeout))));
    }
}
