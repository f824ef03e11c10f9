namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// Answers one request frame as a meter does: only frames from a master, addressed to this meter (or to
/// the wildcard for read address, or broadcast for time), get a reply; a malformed request gets the
/// abnormal reply "other error" rather than silence, so the master learns at once.
/// </summary>
public static class Dlt645Responder
{
    public static Dlt645Frame? Respond(IDlt645Meter meter, Dlt645Frame request)
    {
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentNullException.ThrowIfNull(request);
        var control = request.Control;
        if (control.IsReply)
        {
            return null; // another meter's reply, or our own echo on a half-duplex line
        }

        var function = control.Function;
        if (function == Dlt645Function.BroadcastTime)
        {
            if (request.Address.IsBroadcast && Dlt645Messages.ReadTime(request.Data) is { } time)
            {
                meter.SetTime(time);
            }

            return null; // broadcasts are never answered
        }

        if (function == Dlt645Function.ReadAddress)
        {
            return request.Address.IsWildcard || request.Address == meter.Address ? Dlt645Messages.ReadAddressReply(meter.Address) : null;
        }

        if (request.Address != meter.Address)
        {
            return null;
        }

        var data = request.Data;
        return function switch
        {
            Dlt645Function.Read when data.Length >= DataIdentifier.Length => ReadReply(meter, DataIdentifier.Read(data)),
            Dlt645Function.Write when data.Length > DataIdentifier.Length + Dlt645Messages.AuthorityLength =>
                Acknowledge(meter, function, meter.Write(DataIdentifier.Read(data), data.Slice(DataIdentifier.Length, Dlt645Messages.AuthorityLength),
                    data[(DataIdentifier.Length + Dlt645Messages.AuthorityLength)..])),
            Dlt645Function.Control when data.Length >= Dlt645Messages.AuthorityLength + 8 => Control(meter, data),
            _ => Dlt645Messages.Abnormal(meter.Address, function, Dlt645Errors.Other),
        };
    }

    private static Dlt645Frame ReadReply(IDlt645Meter meter, DataIdentifier id)
    {
        var value = meter.Read(id);
        return value.Bytes is { } bytes
            ? Dlt645Messages.ReadReply(meter.Address, id, bytes)
            : Dlt645Messages.Abnormal(meter.Address, Dlt645Function.Read, value.Errors == Dlt645Errors.None ? Dlt645Errors.Other : value.Errors);
    }

    private static Dlt645Frame Control(IDlt645Meter meter, ReadOnlySpan<byte> data)
    {
        var command = (Dlt645ControlCommand)data[Dlt645Messages.AuthorityLength];
        if (!Enum.IsDefined(command) || Dlt645Messages.ReadTime(data[(Dlt645Messages.AuthorityLength + 2)..]) is not { } until)
        {
            return Dlt645Messages.Abnormal(meter.Address, Dlt645Function.Control, Dlt645Errors.Other);
        }

        return Acknowledge(meter, Dlt645Function.Control, meter.Control(command, data[..Dlt645Messages.AuthorityLength], until));
    }

    private static Dlt645Frame Acknowledge(IDlt645Meter meter, Dlt645Function function, Dlt645Errors errors) => errors == Dlt645Errors.None
        ? Dlt645Messages.Acknowledge(meter.Address, function)
        : Dlt645Messages.Abnormal(meter.Address, function, errors);
}
