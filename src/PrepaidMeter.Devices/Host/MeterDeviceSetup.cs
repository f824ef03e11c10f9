using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Meter.Load;

namespace PrepaidMeter.Devices.Host;

/// <summary>What a meter device is given: its NVRAM file, its reader, its serial line, its load.</summary>
/// <param name="LabClock">The clock moves only through <see cref="MeterDevice.Advance"/> (the lab's stack target), not with the wall clock.</param>
public sealed record MeterDeviceSetup(string MeterPath, PcscCardReader Reader, ISerialLine? Line, string? Port, LoadProfile Load, byte[] ControlPassword, bool LabClock = false);
