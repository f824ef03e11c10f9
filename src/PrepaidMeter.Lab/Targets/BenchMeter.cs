using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Core;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Targets;

/// <summary>One meter on the bench as the bench knows it: what it was fitted as, the scenario's time at it, its supply, and what it showed last.</summary>
internal sealed class BenchMeter(MeterModel model, MeterNumber number, SupplyGroupCode group, SupplyGroupKeys keys, DateTimeOffset clock)
{
    public MeterModel Model { get; } = model;

    public MeterNumber Number { get; } = number;

    public SupplyGroupCode Group { get; } = group;

    public SupplyGroupKeys Keys { get; } = keys;

    /// <summary>The scenario's time at this meter (the meter keeps its own, real, clock).</summary>
    public DateTimeOffset Clock { get; set; } = clock;

    public bool Powered { get; set; } = true;

    /// <summary>The registers last read over the link; null until the meter is fitted.</summary>
    public MeterSnapshot? Last { get; set; }
}
