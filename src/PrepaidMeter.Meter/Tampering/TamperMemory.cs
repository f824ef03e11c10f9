namespace PrepaidMeter.Meter.Tampering;

/// <summary>A <see cref="TamperWatch"/>'s whole state, as the meter's NVRAM keeps it.</summary>
internal readonly record struct TamperMemory(DateTimeOffset Clock, TamperFlags Active, TamperFlags Latched, DateTimeOffset? QuietSince);
