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
    private readonly (DateTimeOffset From, int Watts, int PowerFactor)[] _segments;

    private SegmentedLoad((DateTimeOffset, int, int)[] segments) => _segments = segments;

    public int Count => _segments.Length;

    /// <summary>Whether any stretch draws power at all.</summary>
    public bool DrawsPower => _segments.Any(s => s.Watts > 0);

    /// <summary>The stretches of <paramref name="load"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static SegmentedLoad Of(LoadProfile load, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(load);
        var segments = new List<(DateTimeOffset, int, int)>();
        var at = from;
        do
        {
            segments.Add((at, load.WattsAt(at), load.PowerFactorAt(at)));
            at = load.NextChangeAfter(at) ?? to;
        }
        while (at < to);
        return new([.. segments]);
    }

    public JsonArray ToJson() =>
        new([.. _segments.Select(s => (JsonNode)new JsonArray(s.From.ToUnixTimeSeconds(), s.Watts, s.PowerFactor))]);

    public static SegmentedLoad Read(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var segments = json.AsArray().Select(s => s!.AsArray())
            .Select(s => (DateTimeOffset.FromUnixTimeSeconds(s[0]!.GetValue<long>()), s[1]!.GetValue<int>(), s[2]!.GetValue<int>())).ToArray();
        if (segments.Length == 0)
        {
            throw new FormatException("A load needs at least one stretch.");
        }

        return new(segments);
    }

    public override int WattsAt(DateTimeOffset at) => _segments[IndexAt(at)].Watts;

    public override int PowerFactorAt(DateTimeOffset at) => _segments[IndexAt(at)].PowerFactor;

    public override DateTimeOffset? NextChangeAfter(DateTimeOffset at)
    {
        var next = IndexAt(at) + 1;
        return next < _segments.Length ? _segments[next].From : null;
    }

    // Before the first stretch counts as the first: a meter may ask about the instant it starts at.
    private int IndexAt(DateTimeOffset at)
    {
        var index = 0;
        while (index + 1 < _segments.Length && _segments[index + 1].From <= at)
        {
            index++;
        }

        return index;
    }
}
