using System.Text.Json.Nodes;
using PrepaidMeter.Meter.Load;

namespace PrepaidMeter.Devices.LabChannel;

/// <summary>
/// A load profile over one window, as the stretches of constant power (and power factor) it is made of:
/// what the stack target sends a meter device so that it draws, instant for instant, what the scenario's
/// profile would draw in process — a constant load, a daily curve, a recorded series alike.
/// </summary>
public sealed class SegmentedLoad : LoadProfile
{
    private readonly Stretches<(int Watts, int PowerFactor)> _stretches;

    private SegmentedLoad((DateTimeOffset, (int, int))[] stretches) => _stretches = new(stretches, "load");

    public int Count => _stretches.Count;

    /// <summary>Whether any stretch draws power at all.</summary>
    public bool DrawsPower => _stretches.All.Any(s => s.Value.Watts > 0);

    /// <summary>The stretches of <paramref name="load"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static SegmentedLoad Of(LoadProfile load, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(load);
        return new(Stretches<(int, int)>.Cut(at => (load.WattsAt(at), load.PowerFactorAt(at)), load.NextChangeAfter, from, to));
    }

    /// <summary>[[unix seconds, watts, power factor in thousandths], ...].</summary>
    public JsonArray ToJson() =>
        new([.. _stretches.All.Select(s => (JsonNode)new JsonArray(s.From.ToUnixTimeSeconds(), s.Value.Watts, s.Value.PowerFactor))]);

    /// <exception cref="FormatException">No stretch.</exception>
    public static SegmentedLoad Read(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new([.. json.AsArray().Select(s => s!.AsArray())
            .Select(s => (DateTimeOffset.FromUnixTimeSeconds(s[0]!.GetValue<long>()), (s[1]!.GetValue<int>(), s[2]!.GetValue<int>())))]);
    }

    public override int WattsAt(DateTimeOffset at) => _stretches.At(at).Watts;

    public override int PowerFactorAt(DateTimeOffset at) => _stretches.At(at).PowerFactor;

    public override DateTimeOffset? NextChangeAfter(DateTimeOffset at) => _stretches.NextChangeAfter(at);
}
