namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// Answers one request frame as a water or gas meter does. Silent to replies, to another meter type (AAH is
/// every type), to another address, and to the all-AAH address except for read address: a broadcast read is
/// answered by every meter at once, and a broadcast valve command would close every valve on the bus. Anything
/// addressed to this meter that it cannot do gets an abnormal reply (SER and status) rather than silence.
/// </summary>
public static class Cjt188Responder
{
    public static Cjt188Frame? Respond(ICjt188Meter meter, Cjt188Frame request)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(request);
        if (request.Control.IsReply || (!request.MeterType.IsWildcard && request.MeterType != meter.MeterType))
        {
            return null; // another meter's reply, our own echo, or a request for another kind of meter
        }

        var function = request.Control.Function;
        var data = request.Data;
        var ser = data.Length > Cjt188DataIdentifier.Length ? data[Cjt188DataIdentifier.Length] : (byte)0;
        if (function == Cjt188Function.ReadAddress)
        {
            if (!request.Address.IsWildcard && request.Address != meter.Address)
            {
                return null;
            }

            return data.Length >= Cjt188Messages.HeadLength && Cjt188DataIdentifier.ReadAddress.Matches(Cjt188DataIdentifier.Read(data))
                ? Cjt188Messages.ReadAddressReply(meter.MeterType, meter.Address, ser)
                : Cjt188Messages.Abnormal(meter.MeterType, meter.Address, function, ser, meter.Status);
        }

        if (request.Address != meter.Address)
        {
            return null;
        }

        if (data.Length < Cjt188Messages.HeadLength)
        {
            return Cjt188Messages.Abnormal(meter.MeterType, meter.Address, function, ser, meter.Status);
        }

        var id = Cjt188DataIdentifier.Read(data);
        return function switch
        {
            Cjt188Function.ReadData => Read(meter, id, ser),
            Cjt188Function.WriteData when Cjt188DataIdentifier.ValveControl.Matches(id) => Valve(meter, id, ser, data[Cjt188Messages.HeadLength..]),
            _ => Cjt188Messages.Abnormal(meter.MeterType, meter.Address, function, ser, meter.Status),
        };
    }

    private static Cjt188Frame Read(ICjt188Meter meter, Cjt188DataIdentifier id, byte ser) => meter.Read(id).Bytes is { } bytes
        ? Cjt188Messages.ReadReply(meter.MeterType, meter.Address, id, ser, bytes)
        : Cjt188Messages.Abnormal(meter.MeterType, meter.Address, Cjt188Function.ReadData, ser, meter.Status);

    private static Cjt188Frame Valve(ICjt188Meter meter, Cjt188DataIdentifier id, byte ser, ReadOnlySpan<byte> value)
    {
        if (value.Length != 1 || !Enum.IsDefined((Cjt188ValveCommand)value[0]))
        {
            return Cjt188Messages.Abnormal(meter.MeterType, meter.Address, Cjt188Function.WriteData, ser, meter.Status);
        }

        return Cjt188Messages.ValveReply(meter.MeterType, meter.Address, id, ser, meter.WriteValve((Cjt188ValveCommand)value[0]));
    }
}
