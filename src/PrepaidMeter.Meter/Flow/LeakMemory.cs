namespace PrepaidMeter.Meter.Flow;

/// <summary>A water meter's <see cref="LeakWatch"/>, as the meter's NVRAM keeps it.</summary>
internal readonly record struct LeakMemory(DateTimeOffset? FlowingSince, bool Leaking);
