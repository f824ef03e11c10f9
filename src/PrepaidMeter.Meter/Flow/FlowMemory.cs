using PrepaidMeter.Core;

namespace PrepaidMeter.Meter.Flow;

/// <summary>A <see cref="FlowSensor"/>'s whole state, as the meter's NVRAM keeps it.</summary>
internal readonly record struct FlowMemory(DateTimeOffset Clock, Volume Total, long Carry, DateTimeOffset? FlowingSince, bool Leaking);
