using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Hardware.Traces;
using PrepaidMeter.Hardware.Traces.PcscSpy;
using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Cli.Commands.Cards;

/// <summary>
/// `prepaid card trace show|export|replay|diff|import`: APDU traces recorded with `--trace` (docs/card-media.md,
/// "Traces") — or pcsc-spy logs of another program, read the same — read back for people, for pcsc-tools' scriptor,
/// against a card, against each other, and saved as traces.
/// </summary>
internal static class CardTraceCommands
{
    public static Command Build() => new("trace", "Show, export, replay and compare APDU traces recorded with --trace or by pcsc-spy")
    {
        Show(),
        Export(),
        Replay(),
        Diff(),
        Import(),
    };

    private static Argument<string> TraceArgument(string name = "TRACE.jsonl") => new(name)
    {
        Description = "A trace file (JSON Lines, as --trace writes it) or a pcsc-spy log (raw, or as pcsc-spy prints it)",
    };

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
            if (SameFile(path, output))
            {
                return context.Fail(ExitCodes.Usage, $"--scriptor {output}: that is the trace being read; name another file");
            }

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
        var reader = new Option<string?>("--reader") { Description = "pcsc:NAME: the PC/SC reader with the card to play the commands to" };
        var card = new Option<string?>("--card") { Description = "A card file to play the commands to instead, as the virtual card without pcscd; the file is not changed" };
        var media = VirtualCardFile.MediaOption();
        var command = new Command("replay", "Send a trace's commands to a card (--reader) or a card file (--card) and report every answer that differs from the recorded one (exit 2 when any does)")
        {
            trace, reader, card, media,
        };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            var (spec, image) = (parse.GetValue(reader), parse.GetValue(card));
            if ((spec is null) == (image is null))
            {
                return context.Fail(ExitCodes.Usage, "give the card to replay to: --reader pcsc:NAME or --card FILE (one of them)");
            }

            if (spec is not null && (!spec.StartsWith("pcsc:", StringComparison.Ordinal) || spec.Length == "pcsc:".Length))
            {
                return context.Fail(ExitCodes.Usage, $"--reader '{spec}' must be 'pcsc:NAME'");
            }

            if (image is null && parse.GetValue(media) is not null)
            {
                return context.Fail(ExitCodes.Usage, "--media goes with --card: a card in a reader is what it is");
            }

            if (!TryRead(context, parse.GetValue(trace)!, out var exchanges, out var failure))
            {
                return failure;
            }

            MemoryCard? loaded = null;
            if (image is not null && !VirtualCardFile.TryLoad(context, image, parse.GetValue(media), out loaded, out failure))
            {
                return failure;
            }

            using var channel = spec is not null ? new PcscApduChannel(spec["pcsc:".Length..]) : null;
            var differences = TraceReplay.Run(exchanges, (IApduChannel?)channel ?? new MediumChannel(VirtualCardFile.Medium(parse.GetValue(media), loaded!)));
            foreach (var difference in differences)
            {
                context.Output.WriteLine(difference.ToString());
            }

            if (differences is [.., { Now.Response.Length: < 2, Now.Error: { } error }])
            {
                // No answer at all: the reader or the card is missing, not a card that answers otherwise.
                return context.Fail(ExitCodes.Environment, $"{spec ?? image}: {error}");
            }

            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{exchanges.Count} APDUs replayed, {differences.Count} answered differently"));
            return differences.Count == 0 ? ExitCodes.Success : ExitCodes.Refused;
        }));
        return command;
    }

    private static Command Import()
    {
        var log = new Argument<string>("SPY.log") { Description = "A pcsc-spy log: the raw lines saved from its FIFO (cat ~/pcsc-spy > LOG), or what pcsc-spy printed" };
        var output = new Option<string>("--output", "-o") { Description = "The trace file to write (replaced), JSON Lines as --trace writes", Required = true };
        var start = new Option<string?>("--start")
        {
            Description = "When a printed log's first call began, ISO 8601 (2026-12-06T08:00:00Z; no zone means UTC; default 1970-01-01T00:00:00Z): printed logs hold durations, not a clock; a raw log keeps its own",
        };
        var command = new Command("import", "Save what pcsc-spy saw another program do to a card (its SCardTransmit calls) as a trace: sessions and ATRs from its connects") { log, output, start };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            var path = parse.GetValue(log)!;
            var destination = parse.GetValue(output)!;
            if (!TryIsoTime(parse.GetValue(start), out var begins))
            {
                return context.Fail(ExitCodes.Usage, $"--start '{parse.GetValue(start)}': not an ISO 8601 time such as 2026-12-06T08:00:00Z");
            }

            if (SameFile(path, destination))
            {
                return context.Fail(ExitCodes.Usage, $"--output {destination}: that is the log being imported; name another file");
            }

            var import = PathIo.Reading(path, () => PcscSpyLog.Read(File.ReadAllText(path), begins));
            if (!import.Trace.Success)
            {
                return context.Fail(ExitCodes.Refused, $"{path}: {import.Trace.Problem}");
            }

            using (var written = PathIo.Writing(destination, () => JsonLinesCardTrace.Create(destination, context.Time)))
            {
                foreach (var exchange in import.Trace.Exchanges)
                {
                    written.Record(exchange);
                }

                if (written.Failure is { } broken)
                {
                    return context.Fail(ExitCodes.Environment, $"{destination}: {broken.Message}");
                }
            }

            var sessions = import.Trace.Exchanges.Select(e => e.Session).Distinct().Count();
            var unanswered = import.Trace.Exchanges.Count(e => e.Error is not null && e.Response.Length == 0);
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Count(import.Trace.Exchanges.Count, "APDU")} in {Count(sessions, "card session")}, from {Count(import.Calls, "PC/SC call")} ({(import.Form == PcscSpyForm.Raw ? "raw" : "printed")} pcsc-spy log), written to {destination}")
                + (unanswered > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {Count(unanswered, "APDU")} without an answer (failed, or the log ends first: see each one's error)") : "")
                + (import.Skipped > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {Count(import.Skipped, "call")} skipped: the log holds its end but not its start") : ""));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Count(int n, string thing) => string.Create(CultureInfo.InvariantCulture, $"{n} {thing}{(n == 1 ? "" : "s")}");

    private static bool SameFile(string a, string b) =>
        string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    /// <summary>
    /// An ISO 8601 moment, read the same on every machine: a date, or a date and time (seconds and fractions optional),
    /// with Z or an offset; without one it is UTC. Null text is the Unix epoch, the default.
    /// </summary>
    private static bool TryIsoTime(string? text, out DateTimeOffset moment)
    {
        moment = DateTimeOffset.UnixEpoch;
        if (text is null)
        {
            return true;
        }

        string[] formats =
        [
            "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
            "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        ];
        return DateTimeOffset.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out moment);
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
        var read = PathIo.Reading(path, () => CardTraceInput.Read(path, DateTimeOffset.UnixEpoch));
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
