namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>The valve bits D1 D0 of the first status byte.</summary>
public enum Cjt188ValveState : byte
{
    Open = 0b00,
    Closed = 0b01,

    /// <summary>10: no source defines it; shown as sent, never taken for open or closed.</summary>
    Undefined = 0b10,

    /// <summary>11: the valve is faulty (stuck, or did not reach the commanded position).</summary>
    Abnormal = 0b11,
}

/// <summary>
/// The status ST, two bytes, the first sent first: in the first byte D1 D0 are the valve and D2 the battery
/// (1 undervoltage); the first byte's other bits and the whole second byte are the manufacturer's and are kept
/// as sent. The same two bytes end a metering-data reply, a valve reply and an abnormal reply.
/// </summary>
public readonly record struct Cjt188Status(byte First, byte Second)
{
    public const int Length = 2;

    private const byte BatteryBit = 0x04;

    public Cjt188ValveState Valve => (Cjt188ValveState)(First & 0x03);

    public bool BatteryLow => (First & BatteryBit) != 0;

    /// <summary>The bits no source gives a common meaning: D7–D3 of the first byte and all of the second.</summary>
    public bool HasManufacturerBits => (First & 0xF8) != 0 || Second != 0;

    public static Cjt188Status Of(Cjt188ValveState valve, bool batteryLow) => new((byte)((byte)valve | (batteryLow ? BatteryBit : 0)), 0);

    public void WriteTo(Span<byte> destination)
    {
        destination[0] = First;
        destination[1] = Second;
    }

    public static Cjt188Status Read(ReadOnlySpan<byte> wire) => new(wire[0], wire[1]);

    public override string ToString() =>
        $"valve {Valve.ToString().ToLowerInvariant()}, battery {(BatteryLow ? "low" : "normal")}{(HasManufacturerBits ? $", manufacturer bits {First & 0xF8:X2}{Second:X2}" : "")}";
}
