using System.IO.Ports;
using PrepaidMeter.Hardware.MeterLink;

namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// A bench: the PC/SC reader the counter writes cards in, and the serial port (RS-485 adapter) the meter's
/// DL/T 645 link is on.
/// </summary>
/// <param name="CounterReader">The PC/SC reader name, as `prepaid card readers` lists it.</param>
/// <param name="SerialPort">The meter's serial port ("/dev/ttyUSB0").</param>
public sealed record BenchOptions(string CounterReader, string SerialPort)
{
    /// <summary>DL/T 645-2007's default rate for RS-485 meters.</summary>
    public int Baud { get; init; } = 2400;

    /// <summary>DL/T 645's even parity unless the bench's meter is set otherwise.</summary>
    public Parity Parity { get; init; } = Parity.Even;

    /// <summary>The meter's port as the bench opens it: 8 data bits and one stop bit at <see cref="Baud"/> and <see cref="Parity"/>.</summary>
    public SerialSettings Serial => new(Baud, Parity);

    /// <summary>The control password (level and password, 8 hex digits) remote commands carry.</summary>
    public string ControlPassword { get; init; } = "02000000";

    /// <summary>The operator code (8 hex digits) remote commands carry after the password.</summary>
    public string OperatorCode { get; init; } = "00000000";

    /// <summary>The longest a consume or advance step may take: on a bench time is real.</summary>
    public TimeSpan MaxRealTime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the bench waits for the operator to put a card in or take it out.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How the link retries an unanswered frame.</summary>
    public LinkOptions Link { get; init; } = new(3, TimeSpan.FromSeconds(1));

    /// <summary>The clock real-time waits are measured on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Password then operator code, the 8 bytes a DL/T 645 control frame carries; null when either is not 8 hex digits.</summary>
    public byte[]? Authority()
    {
        if (ControlPassword.Length != 8 || OperatorCode.Length != 8)
        {
            return null;
        }

        try
        {
            return [.. Convert.FromHexString(ControlPassword), .. Convert.FromHexString(OperatorCode)];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
