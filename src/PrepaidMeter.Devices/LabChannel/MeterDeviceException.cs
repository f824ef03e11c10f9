namespace PrepaidMeter.Devices.LabChannel;

/// <summary>
/// The meter device behind a lab channel did not start, fell silent, stopped or refused a command: nothing it
/// does from then on can be judged. The message says which, with the last lines of the device's log.
/// </summary>
public sealed class MeterDeviceException : Exception
{
    public MeterDeviceException()
    {
    }

    public MeterDeviceException(string message)
        : base(message)
    {
    }

    public MeterDeviceException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
