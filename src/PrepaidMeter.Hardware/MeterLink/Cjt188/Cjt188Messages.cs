namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// The frames of the master–meter dialogue, built from what they mean. Every data field starts DI0 DI1 SER
/// except an abnormal reply's, which is SER and the status only; a meter echoes the SER it was sent.
/// </summary>
public static class Cjt188Messages
{
    /// <summary>DI0 DI1 SER at the head of a data field.</summary>
    public const int HeadLength = Cjt188DataIdentifier.Length + 1;

    /// <summary>Valve control data: 55H open.</summary>
    public const byte ValveOpen = 0x55;

    /// <summary>Valve control data: 99H close.</summary>
    public const byte ValveClose = 0x99;

    /// <summary>Read data (01H): DI0 DI1 SER.</summary>
    public static Cjt188Frame Read(Cjt188MeterType type, Cjt188Address meter, Cjt188DataIdentifier id, byte ser) =>
        new(type, meter, Cjt188Control.Request(Cjt188Function.ReadData), Head(id, ser, []));

    /// <summary>The meter's answer to a read (81H): DI0 DI1 SER, then the item's bytes.</summary>
    public static Cjt188Frame ReadReply(Cjt188MeterType type, Cjt188Address meter, Cjt188DataIdentifier id, byte ser, ReadOnlySpan<byte> value) =>
        new(type, meter, Cjt188Control.Reply(Cjt188Function.ReadData), Head(id, ser, value));

    /// <summary>Read address (03H) of the one meter on the line: type AAH, address all AAH, DI 810A.</summary>
    public static Cjt188Frame ReadAddress(byte ser) =>
        new(Cjt188MeterType.Wildcard, Cjt188Address.Wildcard, Cjt188Control.Request(Cjt188Function.ReadAddress), Head(Cjt188DataIdentifier.ReadAddress, ser, []));

    /// <summary>The meter's answer to 03H (83H): its type and address in the frame's T and address fields, DI 810A SER as data.</summary>
    public static Cjt188Frame ReadAddressReply(Cjt188MeterType type, Cjt188Address meter, byte ser) =>
        new(type, meter, Cjt188Control.Reply(Cjt188Function.ReadAddress), Head(Cjt188DataIdentifier.ReadAddress, ser, []));

    /// <summary>Valve control (04H, DI A017): DI0 DI1 SER and 55H to open or 99H to close.</summary>
    public static Cjt188Frame Valve(Cjt188MeterType type, Cjt188Address meter, Cjt188ValveCommand command, byte ser) =>
        new(type, meter, Cjt188Control.Request(Cjt188Function.WriteData), Head(Cjt188DataIdentifier.ValveControl, ser, [(byte)command]));

    /// <summary>The meter's answer to valve control (84H): DI0 DI1 SER and its status after the command.</summary>
    public static Cjt188Frame ValveReply(Cjt188MeterType type, Cjt188Address meter, Cjt188DataIdentifier id, byte ser, Cjt188Status status)
    {
        Span<byte> value = stackalloc byte[Cjt188Status.Length];
        status.WriteTo(value);
        return new(type, meter, Cjt188Control.Reply(Cjt188Function.WriteData), Head(id, ser, value));
    }

    /// <summary>The meter refusing (C1H, C3H, C4H, ...): SER and its status ST.</summary>
    public static Cjt188Frame Abnormal(Cjt188MeterType type, Cjt188Address meter, Cjt188Function function, byte ser, Cjt188Status status)
    {
        Span<byte> data = stackalloc byte[1 + Cjt188Status.Length];
        data[0] = ser;
        status.WriteTo(data[1..]);
        return new(type, meter, Cjt188Control.Abnormal(function), data);
    }

    private static byte[] Head(Cjt188DataIdentifier id, byte ser, ReadOnlySpan<byte> value)
    {
        var data = new byte[HeadLength + value.Length];
        id.WriteTo(data);
        data[Cjt188DataIdentifier.Length] = ser;
        value.CopyTo(data.AsSpan(HeadLength));
        return data;
    }
}
