using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// One meter device of the stack board as it runs: the vpcd reader its cards go through, its process and how it
/// was started, and the socat pair its DL/T 645 link is on (the meter's end and the lab's).
/// </summary>
public sealed record StackDevice(int Slot, string Reader, int ProcessId, IReadOnlyList<string> CommandLine, string MeterEnd, string LabEnd, SerialSettings Serial)
{
    /// <summary>What its line speaks: "DL/T 645" for an electricity meter, "CJ/T 188" for a water or gas meter.</summary>
    public string Protocol { get; init; } = "DL/T 645";
}
