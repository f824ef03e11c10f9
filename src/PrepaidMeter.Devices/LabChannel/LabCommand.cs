using System.Text.Json.Nodes;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Devices.LabChannel;

/// <summary>
/// A command the lab sends a meter device on its lab channel, one JSON object a line. The lab end writes it
/// with <see cref="ToJson"/> and the device end reads it with <see cref="Parse"/>, so the words are defined
/// once for both ends. Each command names the key of the line the device answers it with.
/// </summary>
public abstract record LabCommand
{
    /// <summary>The line that stops the device (so does the end of its input).</summary>
    public const string Quit = "quit";

    private LabCommand(string name, string answer)
    {
        Name = name;
        Answer = answer;
    }

    /// <summary>The command's word, the "do" of its line.</summary>
    public string Name { get; }

    /// <summary>The key the device's answer line holds.</summary>
    public string Answer { get; }

    /// <summary>
    /// Lets <paramref name="Steps"/> pass on the meter's clock under <paramref name="Load"/>; answered with the events, and with the
    /// meter's readings between the pieces when the steps are sampled. A stretch's pieces go in one line so that the lab's chart
    /// points do not cost a round trip each.
    /// </summary>
    public sealed record Advance(TimeSteps Steps, SegmentedLoad Load) : LabCommand("advance", LabAnswer.Events);

    /// <summary>The water and gas twin of <see cref="Advance"/>: lets <paramref name="Steps"/> pass with <paramref name="Flow"/> drawn through the meter.</summary>
    public sealed record Flow(TimeSteps Steps, SegmentedFlow Drawn) : LabCommand("flow", LabAnswer.Events);

    /// <summary>A person's act at a water or gas meter's parts (a magnet, the case, a battery change, a seizing valve); answered with its events.</summary>
    public sealed record Part(PartAct Act) : LabCommand("part", LabAnswer.Events);

    /// <summary>Asks for the meter's registers.</summary>
    public sealed record Show() : LabCommand("show", LabAnswer.Snapshot);

    /// <summary>Cuts or restores the meter's power.</summary>
    public sealed record Power(bool On) : LabCommand("power", LabAnswer.Ok);

    /// <summary>
    /// Cuts the power at <paramref name="At"/> inside the next card's handling: "at" names the step, and "bytes" how
    /// many changed bytes of the card write land first (absent: half of them, as the coarse point always meant).
    /// </summary>
    public sealed record CutNext(PowerCut At) : LabCommand("cutNext", LabAnswer.Ok);

    /// <summary>
    /// Types <paramref name="Keys"/> at the meter's keypad, as a person's finger does (rule TK2: digits, 'B' or '&lt;' backspace,
    /// '#' or 'E' enter; spaces and dashes skipped); answered with the meter's answer to each enter, in order. DL/T 645-2007 has
    /// no data identifier for a keypad token, so a token reaches a meter device this way only.
    /// </summary>
    public sealed record Keypad(string Keys) : LabCommand("keypad", LabAnswer.Tokens);

    /// <summary>Puts the meter in the NVRAM file <paramref name="Nvram"/> into the device: the next scenario's new meter.</summary>
    public sealed record LoadMeter(string Nvram) : LabCommand("load", LabAnswer.Ok);

    public JsonObject ToJson()
    {
        var line = new JsonObject { ["do"] = Name };
        switch (this)
        {
            case Advance advance:
                WriteSteps(line, advance.Steps);
                line["load"] = advance.Load.ToJson();
                break;
            case Flow flow:
                WriteSteps(line, flow.Steps);
                line["flow"] = flow.Drawn.ToJson();
                break;
            case Part part:
                line["act"] = part.Act.Name();
                break;
            case Power power:
                line["on"] = power.On;
                break;
            case CutNext cut:
                line["at"] = cut.At.Step.ToString();
                if (cut.At.ChangedBytesLanded is { } bytes)
                {
                    line["bytes"] = bytes;
                }

                break;
            case LoadMeter load:
                line["nvram"] = load.Nvram;
                break;
            case Keypad keypad:
                line["keys"] = keypad.Keys;
                break;
            default:
                break;
        }

        return line;
    }

    /// <summary>Reads one command line.</summary>
    /// <exception cref="FormatException">Not a command, or one missing a field.</exception>
    /// <exception cref="System.Text.Json.JsonException">Not JSON.</exception>
    /// <exception cref="InvalidOperationException">A field of the wrong kind.</exception>
    /// <exception cref="ArgumentException">A value out of range, or a power-cut point no meter knows.</exception>
    public static LabCommand Parse(string text)
    {
        var command = JsonNode.Parse(text) ?? throw new FormatException("an empty command");
        return command["do"]?.GetValue<string>() switch
        {
            "advance" => new Advance(ReadSteps(command), SegmentedLoad.Read(Field(command, "load"))),
            "flow" => new Flow(ReadSteps(command), SegmentedFlow.Read(Field(command, "flow"))),
            "part" => new Part(PartActs.Parse(Field(command, "act").GetValue<string>())
                ?? throw new FormatException($"unknown act '{Field(command, "act").GetValue<string>()}': {PartActs.Names}")),
            "show" => new Show(),
            "power" => new Power(Field(command, "on").GetValue<bool>()),
            "cutNext" => new CutNext(PowerCut.At(Enum.Parse<PowerCutStep>(Field(command, "at").GetValue<string>()), command["bytes"]?.GetValue<int>())),
            "load" => new LoadMeter(Field(command, "nvram").GetValue<string>()),
            "keypad" => new Keypad(Field(command, "keys").GetValue<string>()),
            var other => throw new FormatException($"unknown command '{other}': advance, flow, part, show, power, cutNext, load, keypad or quit"),
        };
    }

    private static void WriteSteps(JsonObject line, TimeSteps steps)
    {
        line["seconds"] = (long)steps.Duration.TotalSeconds;
        if (steps.Pieces > 1)
        {
            line["pieces"] = steps.Pieces;
        }

        if (steps.Sampled)
        {
            line["sample"] = true;
        }
    }

    private static TimeSteps ReadSteps(JsonNode command) =>
        new(TimeSpan.FromSeconds(Field(command, "seconds").GetValue<long>()), command["pieces"]?.GetValue<int>() ?? 1, command["sample"]?.GetValue<bool>() ?? false);

    private static JsonNode Field(JsonNode command, string name) => command[name] ?? throw new FormatException($"the command has no '{name}'");
}
