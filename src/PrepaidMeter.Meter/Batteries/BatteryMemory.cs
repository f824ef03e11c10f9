namespace PrepaidMeter.Meter.Batteries;

/// <summary>A <see cref="Battery"/>'s whole state, as the meter's NVRAM keeps it.</summary>
internal readonly record struct BatteryMemory(DateTimeOffset Clock, long Microvolts, long Carry, BatteryLevel Reported);
