using System.CommandLine;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;

namespace PrepaidMeter.Cli.Commands.Link;

internal static partial class Cjt188Commands
{
    private static Command Address()
    {
        // Read address goes to the wildcard: the command has no --address.
        var line = Line("not taken");
        var command = new Command("address", "Ask the one meter on the line for its address and type (03H to the wildcard address; two meters on one line answer over each other)");
        line.AddTo(command, withAddress: false);
        command.SetAction(parse => CommandRun.Guarded(parse, context => WithLink(parse, context, line, async link =>
        {
            var found = await link.ReadAddressAsync(CancellationToken.None);
            if (!found.Success)
            {
                return Failed(context, found);
            }

            context.Output.WriteLine($"{found.Value.Address} {found.Value.MeterType}");
            return ExitCodes.Success;
        })));
        return command;
    }
}
