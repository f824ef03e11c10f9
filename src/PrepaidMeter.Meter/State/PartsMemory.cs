using PrepaidMeter.Meter.Batteries;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Meter.State;

/// <summary>
/// What the meter's NVRAM keeps of a water or gas meter's parts (rule N1), each null where the model has no such part
/// (the leak watch is kept for every water and gas meter; its volume is a register).
/// Immutable, so a commit's copy of the registers shares it.
/// </summary>
internal sealed record PartsMemory(ValveMemory? Valve, BatteryMemory? Battery, TamperMemory? Tamper, LeakMemory? Leak);
