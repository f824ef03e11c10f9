using System.CommandLine;
using PrepaidMeter.Cli.Commands.Link;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Readings;

namespace PrepaidMeter.Cli.Commands.Vend.Readings;

/// <summary>`prepaid vend reading round|rounds`: centralised meter reading over the meter link (docs/vending.md, "Centralised meter reading").</summary>
internal static class VendReadingCommands
{
    public static Command Reading() => new("reading", "Centralised meter reading: poll a line's, an area's or a list's meters over DL/T 645, and the rounds recorded")
    {
        Round(),
        Rounds(),
    };

    private static Command Round()
    {
        var line = new Option<string?>("--line") { Description = "Poll the electricity meters of the customers filed under this line (open accounts)" };
        var area = new Option<string?>("--area") { Description = "Poll the electricity meters of the customers filed under this transformer area (open accounts)" };
        var meters = new Option<string?>("--meters") { Description = "Poll these meters: their numbers, separated by commas" };
        var port = new Option<string>("--port", "-p")
        {
            Description = "The serial port of the meters' line: /dev/ttyUSB0, one end of a socat pair, or port:NAME for a serial line the site named (vend port set; its rate and frame)",
            Required = true,
        };
        var serial = new SerialLineOptions();
        var timeout = new Option<int>("--timeout") { Description = "Milliseconds each meter has to answer each read", DefaultValueFactory = _ => 500 };
        var tries = new Option<int>("--tries") { Description = "Tries of each read before the meter counts as silent", DefaultValueFactory = _ => 3 };
        var command = new Command("round", "Poll every meter of a line, an area or a list over DL/T 645, one after the other; store each answer as a reading (source link) and record the round with the meters that did not answer")
        {
            line, area, meters, port, serial.Baud, serial.Parity, timeout, tries,
        };
        command.SetAction(parse => VendCall.Run(parse, async call =>
        {
            var given = new[] { parse.GetValue(line), parse.GetValue(area), parse.GetValue(meters) };
            if (given.Count(g => g is not null) != 1)
            {
                return call.Context.Fail(ExitCodes.Usage, "give one of --line, --area and --meters");
            }

            if (parse.GetValue(timeout) is < 10 or > 60_000 || parse.GetValue(tries) is < 1 or > 20)
            {
                return call.Context.Fail(ExitCodes.Usage, "--timeout is 10 to 60000 ms and --tries 1 to 20");
            }

            RoundScope scope;
            if (parse.GetValue(meters) is { } list)
            {
                var numbers = new List<MeterNumber>();
                foreach (var text in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!VendArguments.TryParse(call, "--meters", MeterNumber.Parse(text), out var number))
                    {
                        return ExitCodes.Refused;
                    }

                    numbers.Add(number);
                }

                scope = RoundScope.List(numbers);
            }
            else
            {
                scope = parse.GetValue(line) is { } lineName ? RoundScope.Line(lineName) : RoundScope.Area(parse.GetValue(area)!);
            }

            // The function first, as every vend command checks it before it touches a reader: a role without it is refused before the port is opened.
            if (call.Session.Check(Permission.Readings) is { } refusal)
            {
                return call.Fail(refusal);
            }

            if (call.SerialLineFor(parse.GetValue(port)!, serial.Settings(parse)) is not { } named)
            {
                return ExitCodes.Refused;
            }

            var portName = named.Path;
            if (SerialPortLine.TryOpen(portName, named.Settings, out var opened) is { } problem)
            {
                return call.Context.Fail(ExitCodes.Environment, problem);
            }

            using (opened)
            {
                var link = new SerialMeterLink(opened!, new LinkOptions(parse.GetValue(tries), TimeSpan.FromMilliseconds(parse.GetValue(timeout))), call.Context.Time);
                try
                {
                    return call.Print(await call.Office.Rounds.RunAsync(call.Session, scope, new Dlt645MeterReader(link, portName)));
                }
                catch (Exception e) when (e is TimeoutException or IOException)
                {
                    // The line itself failed (a port that stopped taking bytes), not a meter: the round stops, and is not recorded.
                    return call.Context.Fail(ExitCodes.Environment, $"the line {portName} failed during the round ({e.Message}); nothing was recorded");
                }
            }
        }));
        return command;
    }

    private static Command Rounds()
    {
        var from = new Option<string>("--from") { Description = "Rounds started from this date or moment (UTC), inclusive" };
        var to = new Option<string>("--to") { Description = "Rounds started until this date or moment (UTC), exclusive" };
        var command = new Command("rounds", "The reading rounds recorded, oldest first: scope, line, counts, and the meters that were silent or refused") { from, to };
        command.SetAction(parse => VendCall.Run(parse, call =>
            Task.FromResult(VendArguments.TryPeriod(parse.GetValue(from), parse.GetValue(to), out var fromAt, out var toAt)
                ? call.Print(call.Office.Rounds.Rounds(call.Session, fromAt, toAt))
                : call.Context.Fail(ExitCodes.Refused, VendArguments.PeriodMistake))));
        return command;
    }
}
