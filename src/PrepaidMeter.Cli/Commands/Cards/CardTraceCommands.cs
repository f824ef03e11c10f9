using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Hardware.Traces;

namespace PrepaidMeter.Cli.Commands.Cards;

/// <summary>
/// `prepaid card trace show|export|replay|diff`: APDU traces recorded with `--trace` (docs/card-media.md, "Traces")
/// read back for people, for pcsc-tools' scriptor, against a card, and against each other.
/// </summary>
internal static class CardTraceCommands
{
    public static Command Build() => new("trace", "Show, export, replay and compare APDU traces recorded with --trace")
    {
        Show(),
        Export(),
        Replay(),
        Diff(),
    };

    private static Argument<string> TraceArgument(string name = "TRACE.jsonl") => new(name) { Description = "A trace file (JSON Lines, as --trace writes it)" };

    private static Option<string?> LayoutOption() => new("--layout", "-l")
    {
        Description = "A shipped layout id or a layout descriptor's path: each write is told in the fields it changed",
    };

    private static Command Show()
    {
        var trace = TraceArgument();
        var (layout, secret) = (LayoutOption(), CardCommands.SecretOption());
        var command = new Command("show", "Print each exchange: the command and status word named, and with --layout the fields each write changed") { trace, layout, secret };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            if (!TryRead(context, parse.GetValue(trace)!, out var exchanges, out var failure) || !TryWatch(context, parse, layout, secret, out var watch, out failure))
            {
                return failure;
            }

            TraceShow.Write(context.Output, exchanges, watch);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Export()
    {
        var trace = TraceArgument();
        var scriptor = new Option<string>("--scriptor") { Description = "The file to write the script to (replaced): one pcsc-tools' scriptor runs as is", Required = true };
        var command = new Command("export", "Write a trace's commands as a scriptor script (one APDU a line, 'reset' between card sessions)") { trace, scriptor };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            var path = parse.GetValue(trace)!;
            if (!TryRead(context, path, out var exchanges, out var failure))
            {
                return failure;
            }

            var output = parse.GetValue(scriptor)!;
            PathIo.Writing(output, () =>
            {
                using var writer = new StreamWriter(output) { NewLine = "\n" };
                ScriptorScript.Write(writer, exchanges, Path.GetFileName(path));
            });
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{exchanges.Count} APDUs written to {output}"));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Replay()
    {
        var trace = TraceArgument();
        var reader = new Option<string>("--reader") { Description = "pcsc:NAME: the PC/SC reader with the card to play the commands to", Required = true };
        var command = new Command("replay", "Send a trace's commands to a card and report every answer that differs from the recorded one (exit 2 when any does)") { trace, reader };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            var spec = parse.GetValue(reader)!;
            if (!spec.StartsWith("pcsc:", StringComparison.Ordinal) || spec.Length == "pcsc:".Length)
            {
                return context.Fail(ExitCodes.Usage, $"--reader '{spec}' must be 'pcsc:NAME'");
            }

            if (!TryRead(context, parse.GetValue(trace)!, out var exchanges, out var failure))
            {
                return failure;
            }

            using var card = new PcscApduChannel(spec["pcsc:".Length..]);
            var differences = TraceReplay.Run(exchanges, card);
            foreach (var difference in differences)
            {
                context.Output.WriteLine(difference.ToString());
            }

            if (differences is [.., { Now.Response.Length: < 2, Now.Error: { } error }])
            {
                // No answer at all: the reader or the card is missing, not a card that answers otherwise.
                return context.Fail(ExitCodes.Environment, $"{spec}: {error}");
            }

            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{exchanges.Count} APDUs replayed, {differences.Count} answered differently"));
            return differences.Count == 0 ? ExitCodes.Success : ExitCodes.Refused;
        }));
        return command;
    }

    private static Command Diff()
    {
        var (a, b) = (TraceArgument("A.jsonl"), TraceArgument("B.jsonl"));
        var (layout, secret) = (LayoutOption(), CardCommands.SecretOption());
        var command = new Command("diff", "Say where two exchanges with the same card differ, APDU by APDU and with --layout in fields (exit 2 when they do)") { a, b, layout, secret };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            if (!TryRead(context, parse.GetValue(a)!, out var first, out var failure)
                || !TryRead(context, parse.GetValue(b)!, out var second, out failure)
                || !TryWatch(context, parse, layout, secret, out var watchA, out failure)
                || !TryWatch(context, parse, layout, secret, out var watchB, out failure))
            {
                return failure;
            }

            var lines = TraceDiff.Compare(first, second, watchA is null ? null : (watchA, watchB!));
            foreach (var line in lines)
            {
                context.Output.WriteLine(line);
            }

            context.Output.WriteLine(lines.Count == 0
                ? string.Create(CultureInfo.InvariantCulture, $"the same: {first.Count} and {second.Count} exchanges")
                : string.Create(CultureInfo.InvariantCulture, $"{lines.Count} differences ({first.Count} and {second.Count} exchanges)"));
            return lines.Count == 0 ? ExitCodes.Success : ExitCodes.Refused;
        }));
        return command;
    }

    private static bool TryRead(CommandContext context, string path, out IReadOnlyList<ApduExchange> exchanges, out int failure)
    {
        var read = PathIo.Reading(path, () => CardTraceFile.Read(path));
        (exchanges, failure) = (read.Exchanges, ExitCodes.Success);
        if (!read.Success)
        {
            failure = context.Fail(ExitCodes.Refused, $"{path}: {read.Problem}");
        }

        return read.Success;
    }

    /// <summary>The layout's view of a card when --layout is given (null without it); false with the exit code said.</summary>
    private static bool TryWatch(CommandContext context, ParseResult parse, Option<string?> layout, Option<string?> secret, out CardImageWatch? watch, out int failure)
    {
        (watch, failure) = (null, ExitCodes.Success);
        if (parse.GetValue(layout) is not { } name)
        {
            return true;
        }

        if (!CardCommands.TryPrepare(context, name, parse.GetValue(secret), out var loaded, out var keys, out failure))
        {
            return false;
        }

        watch = new CardImageWatch(loaded, keys);
        return true;
    }
}
