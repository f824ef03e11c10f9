using System.Text.Json.Nodes;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Cli.Devices;

/// <summary>
/// `prepaid meter run --reader ... --lab`: the lab's stack target drives the meter device over stdin and
/// stdout, one JSON object a line. It says <c>{"ready":N}</c> once, <c>{"card":{...}}</c> after every card it
/// handles, and answers each command: <c>advance</c> (seconds and the load's stretches) with the events,
/// <c>show</c> with the registers, <c>power</c>, <c>cutNext</c> and <c>load</c> (another meter's NVRAM file: the
/// next scenario's new meter) with <c>{"ok":true}</c>; <c>quit</c> or the end
/// of stdin stops it. A line it cannot take gets <c>{"error":"..."}</c> and changes nothing.
/// </summary>
internal static class MeterLabChannel
{
    public static async Task ServeAsync(MeterDevice device, TextReader input, TextWriter output, CancellationToken stopping)
    {
        var writeLock = new Lock();
        void Say(JsonObject line)
        {
            lock (writeLock)
            {
                output.WriteLine(line.ToJsonString());
                output.Flush();
            }
        }

        device.CardHandled += outcome => Say(new JsonObject { ["card"] = LabMeterJson.Outcome(outcome) });
        Say(new JsonObject { ["ready"] = device.Read().MeterNumber.Value });
        while (!stopping.IsCancellationRequested && await input.ReadLineAsync(stopping) is { } text)
        {
            if (text.Trim() is "quit" or "")
            {
                if (text.Trim() == "quit")
                {
                    return;
                }

                continue;
            }

            Say(Answer(device, text));
        }
    }

    private static JsonObject Answer(MeterDevice device, string text)
    {
        try
        {
            var command = JsonNode.Parse(text) ?? throw new FormatException("an empty command");
            return command["do"]?.GetValue<string>() switch
            {
                "advance" => new JsonObject
                {
                    ["events"] = LabMeterJson.Events(device.Advance(TimeSpan.FromSeconds(Field(command, "seconds").GetValue<long>()), SegmentedLoad.Read(Field(command, "load")))),
                },
                "show" => new JsonObject { ["snapshot"] = LabMeterJson.Snapshot(device.Read()) },
                "power" => Done(() => device.Power(Field(command, "on").GetValue<bool>())),
                "cutNext" => Done(() => device.CutDuringNextCard(Enum.Parse<PowerCutPoint>(Field(command, "at").GetValue<string>()))),
                "load" => device.Load(Field(command, "nvram").GetValue<string>()) is { } problem
                    ? new JsonObject { ["error"] = problem }
                    : new JsonObject { ["ok"] = true },
                var other => new JsonObject { ["error"] = $"unknown command '{other}': advance, show, power, cutNext, load or quit" },
            };
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return new JsonObject { ["error"] = e.Message };
        }
    }

    private static JsonNode Field(JsonNode command, string name) => command[name] ?? throw new FormatException($"the command has no '{name}'");

    private static JsonObject Done(Action action)
    {
        action();
        return new JsonObject { ["ok"] = true };
    }
}
