using System.Text.Json.Nodes;
using PrepaidMeter.Meter.Flow;

namespace PrepaidMeter.Devices.LabChannel;

/// <summary>
/// A flow profile over one window, as the stretches of constant flow it is made of: what the stack target sends a water
/// or gas meter device so that it draws what the scenario's profile would draw in process — the twin of <see cref="SegmentedLoad"/>.
/// </summary>
public sealed class SegmentedFlow : FlowProfile
{
    private readonly Stretches<int> _stretches;

    private SegmentedFlow((DateTimeOffset, int)[] stretches) => _stretches = new(stretches, "flow");

    public int Count => _stretches.Count;

    /// <summary>The stretches of <paramref name="flow"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static SegmentedFlow Of(FlowProfile flow, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new(Stretches<int>.Cut(flow.LitresPerHourAt, flow.NextChangeAfter, from, to));
    }

    /// <summary>[[unix seconds, litres an hour], ...].</summary>
    public JsonArray ToJson() => new([.. _stretches.All.Select(s => (JsonNode)new JsonArray(s.From.ToUnixTimeSeconds(), s.Value))]);

    /// <exception cref="FormatException">No stretch.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A flow below zero or above twice <see cref="FlowProfile.MaxLitresPerHour"/> (a profile's most and a leak's).</exception>
    public static SegmentedFlow Read(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var stretches = json.AsArray().Select(s => s!.AsArray()).Select(s => (DateTimeOffset.FromUnixTimeSeconds(s[0]!.GetValue<long>()), s[1]!.GetValue<int>())).ToArray();
        foreach (var (_, litres) in stretches)
        {
            // A profile gives at most MaxLitresPerHour and a leak may add as much again (FlowProfile.WithLeak).
            ArgumentOutOfRangeException.ThrowIfNegative(litres);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(litres, 2 * MaxLitresPerHour);
        }

        return new(stretches);
    }

    public override int LitresPerHourAt(DateTimeOffset at) => _stretches.At(at);

    public override DateTimeOffset? NextChangeAfter(DateTimeOffset at) => _stretches.NextChangeAfter(at);
}
