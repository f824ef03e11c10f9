using System.CommandLine;
using PrepaidMeter.Cli.Hosting;

namespace PrepaidMeter.Cli.Commands.Link;

internal static partial class LinkCommands
{
    private static Command Time()
    {
        var line = new LineOptions();
        var at = new Option<DateTimeOffset?>("--time") { Description = "The time to set (ISO 8601, e.g. 2026-12-06T08:00:00Z); default now" };
        var command = new Command("time", "Broadcast the time (08H) to every meter on the line; meters do not answer a broadcast") { at };
        line.AddTo(command);
        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            var time = parse.GetValue(at) ?? context.Time.GetUtcNow();
            return await WithLink(parse, context, line, async (link, _, token) =>
            {
                await link.BroadcastTimeAsync(time, token);
                context.Output.WriteLine($"time {time.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z broadcast on {parse.GetValue(line.Port)} (no meter answers a broadcast)");
                return Failures.ExitCodes.Success;
            });
        }));
        return command;
    }
}
