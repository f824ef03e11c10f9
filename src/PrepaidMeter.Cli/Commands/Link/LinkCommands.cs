using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Cli.Parsing;
using PrepaidMeter.Devices.Link;
using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Cli.Commands.Link;

/// <summary>`prepaid link ...`: talk DL/T 645-2007 to a meter on a serial port — a real one, or `prepaid meter serve`.</summary>
internal static class LinkCommands
{
    public static Command Build() => new("link", "Read a meter's registers and send it control commands over DL/T 645-2007 on a serial port")
    {
        Read(),
        Control(),
    };

    private static Option<string> Port() => new("--port", "-p") { Description = "The serial port: /dev/ttyUSB0, or one end of a socat pair", Required = true };

    private static Option<string> AddressOption() => new("--address", "-a")
    {
        Description = "The meter's address, 12 digits (its meter number); AAAAAAAAAAAA for the one meter on the line",
        DefaultValueFactory = _ => "AAAAAAAAAAAA",
    };

    private static Option<int> Baud() => new("--baud") { Description = "2400 or 9600 (8 data bits, even parity, 1 stop bit)", DefaultValueFactory = _ => 2400 };

    private static Option<int> TimeoutOption() => new("--timeout") { Description = "Milliseconds the meter has to answer each try", DefaultValueFactory = _ => 500 };

    private static Option<int> Retries() => new("--tries") { Description = "Tries before giving up", DefaultValueFactory = _ => 3 };

    private static Command Read()
    {
        var (port, address, baud, timeout, tries) = (Port(), AddressOption(), Baud(), TimeoutOption(), Retries());
        var ids = new Argument<string[]>("DI") { Description = "Data identifiers, 8 hex digits each: 00900200 remaining amount, 00000000 total energy, ...", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("read", "Read data identifiers (11H) and print their values") { port, address, baud, timeout, tries, ids, json };
        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            var identifiers = new List<DataIdentifier>();
            foreach (var text in parse.GetValue(ids)!)
            {
                if (!DataIdentifier.TryParse(text, out var id))
                {
                    return context.Fail(ExitCodes.Usage, $"'{text}' is not a data identifier (8 hex digits, such as 00900200)");
                }

                identifiers.Add(id);
            }

            return await WithLink(parse, context, port, address, baud, timeout, tries, async (link, meter, token) =>
            {
                var rows = new List<(DataIdentifier Id, string Name, string Value, string Raw)>();
                foreach (var id in identifiers)
                {
                    var read = await link.ReadAsync(meter, id, token);
                    if (!read.Success)
                    {
                        return Failed(context, read.Failure, $"{id}: {read.Message}");
                    }

                    var item = PrepaidItems.Find(id);
                    rows.Add((id, item?.Name ?? "(not a prepaid item)", item is null ? Convert.ToHexString(read.Value!) : Format(item, read.Value!), Convert.ToHexString(read.Value!)));
                }

                if (parse.GetValue(json))
                {
                    context.Output.WriteLine(JsonSerializer.Serialize(rows.Select(r => new { id = r.Id.ToString(), name = r.Name, value = r.Value, raw = r.Raw })));
                }
                else
                {
                    foreach (var row in rows)
                    {
                        context.Output.WriteLine($"{row.Id}  {row.Name}: {row.Value}");
                    }
                }

                return ExitCodes.Success;
            });
        }));
        return command;
    }

    private static Command Control()
    {
        var (port, address, baud, timeout, tries) = (Port(), AddressOption(), Baud(), TimeoutOption(), Retries());
        var action = new Argument<string>("COMMAND") { Description = string.Join(", ", RemoteNames.Link.Keys) };
        action.AcceptOnlyFromAmong([.. RemoteNames.Link.Keys]);
        var password = new Option<string>("--password") { Description = "Password level and password, PA P0 P1 P2 as 8 hex digits", DefaultValueFactory = _ => VirtualMeterOnTheLink.DefaultPassword };
        var command = new Command("control", "Send a control command (1CH): trip, close-permitted, close, alarm-on/off, keep-power-on/off")
        {
            port, address, baud, timeout, tries, action, password,
        };
        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            byte[] authority;
            try
            {
                authority = [.. Convert.FromHexString(parse.GetValue(password)!), 0, 0, 0, 0];
            }
            catch (FormatException)
            {
                return context.Fail(ExitCodes.Usage, "--password: 8 hex digits (PA P0 P1 P2)");
            }

            if (authority.Length != Dlt645Messages.AuthorityLength)
            {
                return context.Fail(ExitCodes.Usage, "--password: 8 hex digits (PA P0 P1 P2)");
            }

            var name = parse.GetValue(action)!;
            return await WithLink(parse, context, port, address, baud, timeout, tries, async (link, meter, token) =>
            {
                var sent = await link.ControlAsync(meter, RemoteNames.Link[name], authority, context.Time.GetUtcNow().AddHours(1), token);
                if (!sent.Success)
                {
                    return Failed(context, sent.Failure, sent.Message);
                }

                context.Output.WriteLine($"{name}: acknowledged by meter {meter}");
                return ExitCodes.Success;
            });
        }));
        return command;
    }

    private static async Task<int> WithLink(
        ParseResult parse, CommandContext context, Option<string> port, Option<string> address, Option<int> baud, Option<int> timeout, Option<int> tries,
        Func<SerialMeterLink, Dlt645Address, CancellationToken, Task<int>> body)
    {
        if (!Dlt645Address.TryParse(parse.GetValue(address), out var meter))
        {
            return context.Fail(ExitCodes.Usage, $"--address: '{parse.GetValue(address)}' is not 1 to 12 digits or AAAAAAAAAAAA");
        }

        if (parse.GetValue(timeout) is < 10 or > 60_000 || parse.GetValue(tries) is < 1 or > 20)
        {
            return context.Fail(ExitCodes.Usage, "--timeout is 10 to 60000 ms and --tries 1 to 20");
        }

        if (SerialPortLine.TryOpen(parse.GetValue(port)!, new SerialSettings(parse.GetValue(baud)), out var line) is { } problem)
        {
            return context.Fail(ExitCodes.Environment, problem);
        }

        using (line)
        {
            var link = new SerialMeterLink(line!, new LinkOptions(parse.GetValue(tries), TimeSpan.FromMilliseconds(parse.GetValue(timeout))), context.Time);
            return await body(link, meter, CancellationToken.None);
        }
    }

    private static int Failed(CommandContext context, LinkFailure failure, string message) =>
        context.Fail(failure == LinkFailure.NoReply ? ExitCodes.Environment : ExitCodes.Refused, message);

    private static string Format(Dlt645Item item, byte[] raw)
    {
        if (item.Decode(raw) is not { } value)
        {
            return $"not BCD ({Convert.ToHexString(raw)})";
        }

        if (item.Bits)
        {
            return item == PrepaidItems.RunStatus3 ? $"{value:X4} ({(RunStatus3)value})" : value.ToString("X4", CultureInfo.InvariantCulture);
        }

        // decimal, not double: the value is hundredths of a kWh or of the currency, and prints exactly.
        var number = (value / (decimal)Dlt645Item.Scale(item.Decimals)).ToString("F" + item.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return item.Unit.Length == 0 ? number : $"{number} {item.Unit}";
    }
}
