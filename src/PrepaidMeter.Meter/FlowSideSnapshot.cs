using PrepaidMeter.Core;
using PrepaidMeter.Meter.Batteries;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Meter;

/// <summary>
/// A water or gas meter's own registers beside the credit ones (docs/water-gas.md): the volume that has passed, the leak
/// flag, the valve, the battery, the tamper latch. Null on a snapshot of an electricity meter.
/// </summary>
/// <param name="Valve">Null when the model switches with a relay.</param>
/// <param name="BatteryMillivolts">Null for a mains-powered model.</param>
public sealed record FlowSideSnapshot(
    Utility Utility,
    Volume CumulativeVolume,
    bool Leaking,
    ValvePosition? Valve,
    bool ValveAlarm,
    int ValveMotorRuns,
    int? BatteryMillivolts,
    BatteryLevel? Battery,
    TamperFlags TamperActive,
    TamperFlags TamperLatched);
