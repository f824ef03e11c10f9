using System.CommandLine;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Cli.Parsing;
using PrepaidMeter.Devices.Link;

namespace PrepaidMeter.Cli.Commands.Link;

internal static partial class LinkCommands
{
    private static Command Control()
    {
        var line = new LineOptions();
        var action = new Argument<string>("COMMAND") { Description = string.Join(", ", RemoteNames.Link.Keys) };
        action.AcceptOnlyFromAmong([.. RemoteNames.Link.Keys]);
        var password = PasswordOption();
        var validUntil = new Option<DateTimeOffset?>("--valid-until")
        {
            Description = "The time the command is valid until, by the meter's clock (ISO 8601, e.g. 2026-12-31T23:59:00Z); default an hour from now",
        };
        var command = new Command("control", "Send a control command (1CH): trip, close-permitted, close, alarm-on/off, keep-power-on/off") { action, password, validUntil };
        line.AddTo(command);
        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            if (Authority(parse.GetValue(password)) is not { } authority)
            {
                return context.Fail(ExitCodes.Usage, "--password: 8 hex digits (PA P0 P1 P2)");
            }

            var name = parse.GetValue(action)!;
            var until = parse.GetValue(validUntil) ?? context.Time.GetUtcNow().AddHours(1);
            return await WithLink(parse, context, line, async (link, meter, token) =>
            {
                var sent = await link.ControlAsync(meter, RemoteNames.Link[name], authority, until, token);
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

    private static Option<string> PasswordOption() => new("--password")
    {
        Description = "Password level and password, PA P0 P1 P2 as 8 hex digits",
        DefaultValueFactory = _ => VirtualMeterOnTheLink.DefaultPassword,
    };
}
