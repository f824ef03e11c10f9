using System.Text.Json.Nodes;
using PrepaidMeter.Meter.Flow;

namespace PrepaidMeter.Devices.LabChannel;

/// <summary>
/// A flow profile over one window, as the stretches of constant flow it is made of: what the stack target sends a water
/// or gas meter device so that it draws what the scenario's profile would draw in process — the twin of <see cref="SegmentedLoad"/>.
/// </summary>
public sealed class SegmentedFlow : FlowProfile
{
    private readonly (DateTimeOffset From, int LitresPerHour)[] _segments;

    private SegmentedFlow((DateTimeOffset, int)[] segments) => _segments = segments;

    public int Count => _segments.Length;

    /// <summary>The stretches of <paramref name="flow"/> from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static SegmentedFlow Of(FlowProfile flow, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var segments = new List<(DateTimeOffset, int)>();
        var at = from;
        do
        {
            segments.Add((at, flow.LitresPerHourAt(at)));
            at = flow.NextChangeAfter(at) ?? to;
        }
        while (at < to);
        return new([.. segments]);
    }

    /// <summary>[[unix seconds, litres an hour], ...].</summary>
    public JsonArray ToJson() => new([.. _segments.Select(s => (JsonNode)new JsonArray(s.From.ToUnixTimeSeconds(), s.LitresPerHour))]);

    /// <exception cref="FormatException">No stretch.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A flow below zero or above twice <see cref="FlowProfile.MaxLitresPerHour"/> (a profile's most and a leak's).</exception>
    public static SegmentedFlow Read(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var segments = json.AsArray().Select(s => s!.AsArray()).Select(s => (DateTimeOffset.FromUnixTimeSeconds(s[0]!.GetValue<long>()), s[1]!.GetValue<int>())).ToArray();
        if (segments.Length == 0)
        {
            throw new FormatException("A flow needs at least one stretch.");
        }

        foreach (var (_, litres) in segments)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(litres);
            // A profile gives at most MaxLitresPerHour and a leak may add as much again (FlowProfile.WithLeak).
            ArgumentOutOfRangeException.ThrowIfGreaterThan(litres, 2 * MaxLitresPerHour);
        }

        return new(segments);
    }

    public override int LitresPerHourAt(DateTimeOffset at) => _segments[IndexAt(at)].LitresPerHour;

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
