namespace PrepaidMeter.Devices.LabChannel;

public sealed partial class MeterDeviceProcess
{
    /// <summary>The operating system's id of the device process, for a report saying what ran the meter.</summary>
    public int ProcessId => _process.Id;
}
