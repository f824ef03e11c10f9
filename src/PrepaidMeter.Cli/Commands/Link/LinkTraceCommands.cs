using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Hardware.MeterLink.Tracing;

namespace PrepaidMeter.Cli.Commands.Link;

/// <summary>`prepaid link trace show FILE`: a DL/T 645 or CJ/T 188 trace (`--trace`) as one line a frame, decoded.</summary>
internal static class LinkTraceCommands
{
    public static Command Build() => new("trace", "Read DL/T 645 and CJ/T 188 traces written by --trace") { Show() };

    private static Command Show()
    {
        var file = new Argument<string>("FILE") { Description = "A trace written by --trace on `prepaid link ...`, `prepaid link cjt188 ...` or `prepaid meter serve`" };
        var frames = new Option<bool>("--frames") { Description = "Print each frame's bytes under its line" };
        var command = new Command("show", "Print each frame of a trace: time, direction, address, function, data identifier and value, errors named") { file, frames };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            var path = parse.GetValue(file)!;
            if (PathIo.UnreadableInput(path) is { } unreadable)
            {
                return context.Fail(unreadable);
            }

            var number = 0;
            foreach (var text in PathIo.Reading(path, () => File.ReadAllLines(path)))
            {
                number++;
                if (text.Length == 0)
                {
                    continue;
                }

                JsonObject line;
                try
                {
                    line = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("not an object");
                }
                catch (JsonException e)
                {
                    return context.Fail(ExitCodes.Refused, $"{path}: line {number} is not a trace line: {e.Message}");
                }

                context.Output.WriteLine(Describe(line));
                if (parse.GetValue(frames) && (Text(line, "frame") ?? Text(line, "noise")) is { } bytes)
                {
                    context.Output.WriteLine($"    {bytes}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// "08:00:00.120 tx 000012345678 read 00900100 (remaining energy)" as <see cref="LinkFrameMeaning"/> words it; noise as
    /// "rx noise: ...". A CJ/T 188 line (<c>protocol</c> <c>cjt188</c>) says so and gives the meter type after the direction:
    /// "08:00:05.012 tx cjt188 10H (cold water) 78330011223344 read 901F (metering data)". A line without <c>protocol</c>
    /// is DL/T 645, as every trace written before CJ/T 188 was.
    /// </summary>
    private static string Describe(JsonObject line)
    {
        var time = Text(line, "time") is { Length: >= 23 } t ? t[11..23] : Text(line, "time") ?? "?";
        var direction = Text(line, "dir") ?? "?";
        if (Text(line, "protocol") is LinkTrace.CjtMarker)
        {
            direction += Text(line, "noise") is null ? $" {LinkTrace.CjtMarker} {Text(line, "type") ?? "?"}" : $" {LinkTrace.CjtMarker}";
        }

        if (Text(line, "noise") is not null)
        {
            return $"{time} {direction} noise: {Text(line, "error")}";
        }

        var meaning = new LinkFrameMeaning(Text(line, "address") ?? "?", Text(line, "control") ?? "?", Text(line, "function") ?? "?",
            Text(line, "di"), Text(line, "item"), Text(line, "value"), Text(line, "error"));
        return $"{time} {direction} {meaning}";
    }

    private static string? Text(JsonObject line, string name) => line[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
