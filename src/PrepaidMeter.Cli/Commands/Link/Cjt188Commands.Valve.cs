using System.CommandLine;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.MeterLink.Cjt188;

namespace PrepaidMeter.Cli.Commands.Link;

internal static partial class Cjt188Commands
{
    private static readonly Dictionary<string, Cjt188ValveCommand> ValveWords = new(StringComparer.Ordinal)
    {
        ["open"] = Cjt188ValveCommand.Open,
        ["close"] = Cjt188ValveCommand.Close,
    };

    private static Command Valve()
    {
        var line = Line("The meter's address, 14 digits: a valve command goes to one meter, never to the wildcard", required: true);
        var action = new Argument<string>("ACTION") { Description = "open (55H) or close (99H)" };
        action.AcceptOnlyFromAmong([.. ValveWords.Keys]);
        var type = TypeOption();
        var command = new Command("valve", "Open or close the meter's valve (write A017) and report where the meter says the valve is") { action, type };
        line.AddTo(command);
        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            if (!Cjt188Address.TryParse(parse.GetValue(line.Address), out var address) || address.IsWildcard)
            {
                // Every meter on the bus would act on a wildcard valve command; the virtual meter does not answer one.
                return context.Fail(ExitCodes.Usage, $"--address: '{parse.GetValue(line.Address)}' is not 1 to 14 digits (a valve command goes to one meter's own address)");
            }

            if (!TryType(parse.GetValue(type), out var meterType))
            {
                return context.Fail(ExitCodes.Usage, $"--type: '{parse.GetValue(type)}' is not a meter type ({string.Join(", ", TypeNames.Keys)}) or two hex digits");
            }

            var word = parse.GetValue(action)!;
            return await WithLink(parse, context, line, async link =>
            {
                var moved = await link.SetValveAsync(meterType, address, ValveWords[word], CancellationToken.None);
                if (!moved.Success)
                {
                    return Failed(context, moved);
                }

                context.Output.WriteLine($"valve {word}: meter {address} reports {moved.Value}");
                return ExitCodes.Success;
            });
        }));
        return command;
    }
}
