using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Cli.Commands.Link;

internal static partial class LinkCommands
{
    private static Command Write()
    {
        var line = new LineOptions();
        var id = new Argument<string>("DI") { Description = "The data identifier, 8 hex digits: 04001001 alarm level 1, 04001002 alarm level 2, ..." };
        var value = new Argument<string>("VALUE") { Description = "The value in the item's unit (20.00 for an alarm level of XXXXXX.XX), or hex bytes with --raw" };
        var raw = new Option<bool>("--raw") { Description = "VALUE is the value's bytes as hex, low byte first, as the frame carries them" };
        var password = PasswordOption();
        var command = new Command("write", "Write a parameter (14H) with a password level; a card-only meter (the virtual one) answers unauthorised") { id, value, raw, password };
        line.AddTo(command);
        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            if (!DataIdentifier.TryParse(parse.GetValue(id), out var identifier))
            {
                return context.Fail(ExitCodes.Usage, $"'{parse.GetValue(id)}' is not a data identifier (8 hex digits, such as 04001001)");
            }

            if (Authority(parse.GetValue(password)) is not { } authority)
            {
                return context.Fail(ExitCodes.Usage, "--password: 8 hex digits (PA P0 P1 P2)");
            }

            if (ValueBytes(identifier, parse.GetValue(value)!, parse.GetValue(raw), out var bytes) is { } problem)
            {
                return context.Fail(ExitCodes.Usage, problem);
            }

            return await WithLink(parse, context, line, async (link, meter, token) =>
            {
                var written = await link.WriteAsync(meter, identifier, authority, bytes, token);
                if (!written.Success)
                {
                    return Failed(context, written.Failure, written.Message);
                }

                context.Output.WriteLine($"{identifier}: written, acknowledged by meter {meter}");
                return ExitCodes.Success;
            });
        }));
        return command;
    }

    /// <summary>The value's bytes: a known item's number in its format, or hex with --raw (any identifier).</summary>
    private static string? ValueBytes(DataIdentifier id, string text, bool raw, out byte[] bytes)
    {
        bytes = [];
        if (raw)
        {
            try
            {
                bytes = Convert.FromHexString(text);
                return bytes.Length is > 0 and <= Dlt645Codec.MaxData - DataIdentifier.Length - Dlt645Messages.AuthorityLength
                    ? null
                    : $"--raw {text}: 1 to {Dlt645Codec.MaxData - DataIdentifier.Length - Dlt645Messages.AuthorityLength} bytes";
            }
            catch (FormatException)
            {
                return $"--raw {text}: not hex bytes";
            }
        }

        if (PrepaidItems.Find(id) is not { } item)
        {
            return $"{id} is not an item this tool knows the format of; give its bytes with --raw";
        }

        // decimal parses the text exactly; the value travels as an integer in its last place.
        if (item.Bits || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return $"'{text}' is not a value of {item.Name} ({item.Format}){(item.Bits ? "; give its bytes with --raw" : "")}";
        }

        var scaled = number * Dlt645Item.Scale(item.Decimals);
        bytes = new byte[item.Length];
        return scaled == decimal.Truncate(scaled) && scaled <= item.Max && item.TryEncode((long)scaled, bytes)
            ? null
            : $"'{text}' does not fit {item.Name} ({item.Format}: at most {item.Decimals} decimals)";
    }
}
