using System.CommandLine;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.MeterLink.Tracing;

namespace PrepaidMeter.Cli.Commands.Link;

/// <summary>`prepaid link ...`: talk DL/T 645-2007 to a meter on a serial port — a real one, or `prepaid meter serve`; `link cjt188 ...` talks CJ/T 188-2004.</summary>
internal static partial class LinkCommands
{
    public static Command Build() => new("link", "Read a meter's registers, write its parameters, send it control commands and the time over DL/T 645-2007 on a serial port; `link cjt188` for water, gas and heat meters over CJ/T 188-2004")
    {
        Read(),
        Write(),
        Control(),
        Time(),
        Cjt188Commands.Build(),
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

        return await LinkLine.RunAsync(parse, context, options, LinkProtocol.Dlt645,
            (line, patience) => body(new SerialMeterLink(line, patience, context.Time), meter, CancellationToken.None));
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
