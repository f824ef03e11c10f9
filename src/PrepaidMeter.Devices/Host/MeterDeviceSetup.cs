using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;

namespace PrepaidMeter.Devices.Host;

/// <summary>What a meter device is given: its NVRAM file, its reader, its serial line, its load (a water or gas meter: its flow).</summary>
/// <param name="LabClock">The clock moves only through <see cref="MeterDevice.Advance"/> (the lab's stack target), not with the wall clock.</param>
/// <param name="Flow">What a water or gas meter draws while its clock runs; none when not given. An electricity meter ignores it.</param>
public sealed record MeterDeviceSetup(string MeterPath, PcscCardReader Reader, ISerialLine? Line, string? Port, LoadProfile Load, byte[] ControlPassword, bool LabClock = false, FlowProfile? Flow = null);
