using System.CommandLine;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Tracing;

namespace PrepaidMeter.Cli.Commands.Link;

/// <summary>`prepaid link ...`: talk DL/T 645-2007 to a meter on a serial port — a real one, or `prepaid meter serve`.</summary>
internal static partial class LinkCommands
{
    public static Command Build() => new("link", "Read a meter's registers, write its parameters, send it control commands and the time over DL/T 645-2007 on a serial port")
    {
        Read(),
        Write(),
        Control(),
        Time(),
        LinkTraceCommands.Build(),
    };

    /// <summary>
    /// Opens the line the options name — traced into `--trace FILE` when given — and runs <paramref name="body"/> with the
    /// link over it and the meter's address. Bad options are usage errors; a port or trace file that cannot be opened is
    /// the environment's.
    /// </summary>
    private static async Task<int> WithLink(ParseResult parse, CommandContext context, LineOptions options, Func<SerialMeterLink, Dlt645Address, CancellationToken, Task<int>> body)
    {
        if (!Dlt645Address.TryParse(parse.GetValue(options.Address), out var meter))
        {
            return context.Fail(ExitCodes.Usage, $"--address: '{parse.GetValue(options.Address)}' is not 1 to 12 digits or AAAAAAAAAAAA");
        }

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

        if (SerialPortLine.TryOpen(parse.GetValue(options.Port)!, new SerialSettings(parse.GetValue(options.Baud)), out var opened) is { } problem)
        {
            return context.Fail(ExitCodes.Environment, problem);
        }

        using ISerialLine line = trace is null ? opened! : new TracingSerialLine(opened!, trace);
        var link = new SerialMeterLink(line, new LinkOptions(parse.GetValue(options.Tries), TimeSpan.FromMilliseconds(parse.GetValue(options.Timeout))), context.Time);
        return await body(link, meter, CancellationToken.None);
    }

    private static int Failed(CommandContext context, LinkFailure failure, string message) =>
        context.Fail(failure == LinkFailure.NoReply ? ExitCodes.Environment : ExitCodes.Refused, message);

    /// <summary>PA P0 P1 P2 from 8 hex digits, and the operator code C0..C3 (zero): the 8 bytes a write or a control carries; null when malformed.</summary>
    private static byte[]? Authority(string? password)
    {
        try
        {
            var bytes = Convert.FromHexString(password ?? "");
            return bytes.Length == 4 ? [.. bytes, 0, 0, 0, 0] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
