using System.Globalization;

namespace PrepaidMeter.Hardware.MeterLink.Tracing;

/// <summary>
/// What one DL/T 645 frame says, in words a QA engineer reads against the standard: the function, whether it is a
/// reply or an abnormal one, the data identifier and its value where the frame carries them, the error byte named.
/// The trace file keeps these beside the frame's bytes, and <c>prepaid link trace show</c> prints them.
/// </summary>
public sealed record LinkFrameMeaning(string Address, string Control, string Function, string? DataIdentifier, string? Item, string? Value, string? Error)
{
    public static LinkFrameMeaning Of(Dlt645Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var control = frame.Control;
        var data = frame.Data;
        var function = Name(control.Function) + (control.IsReply ? control.IsAbnormal ? " refused" : " reply" : "");
        if (control.IsAbnormal)
        {
            return new(frame.Address.ToString(), control.Value.ToString("X2", CultureInfo.InvariantCulture), function, null, null, null,
                data.Length > 0 ? Dlt645ErrorText.Of((Dlt645Errors)data[0]) : "no error byte");
        }

        return control.Function switch
        {
            Dlt645Function.Read or Dlt645Function.ReadFollowOn when data.Length >= MeterLink.DataIdentifier.Length => WithIdentifier(frame, function, data),
            Dlt645Function.Write when !control.IsReply && data.Length >= MeterLink.DataIdentifier.Length => WithIdentifier(frame, function, data, valueAt: 12),
            Dlt645Function.Control when !control.IsReply && data.Length >= Dlt645Messages.AuthorityLength + 8 =>
                Plain(frame, function, $"{ControlName(data[Dlt645Messages.AuthorityLength])}, valid until {Time(data[(Dlt645Messages.AuthorityLength + 2)..])}"),
            Dlt645Function.BroadcastTime => Plain(frame, function, $"set the time to {Time(data)}"),
            Dlt645Function.ReadAddress when control.IsReply => Plain(frame, function, frame.Address.ToString()),
            _ => Plain(frame, function, data.Length == 0 ? null : Convert.ToHexString(data)),
        };
    }

    /// <summary>
    /// What a trace line shows after its time and direction: "000012345678 read reply 00900100 (remaining energy) = 60.00 kWh",
    /// "000012345678 control: trip, valid until 2026-12-06 09:00:00", "000012345678 write refused: unauthorised (password)".
    /// </summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder($"{Address} {Function}");
        if (DataIdentifier is not null)
        {
            text.Append(' ').Append(DataIdentifier);
            text.Append(Item is null ? "" : $" ({Item})").Append(Value is null ? "" : $" = {Value}");
        }
        else if (Value is not null)
        {
            text.Append(": ").Append(Value);
        }

        return (Error is null ? text : text.Append(": ").Append(Error)).ToString();
    }

    private static LinkFrameMeaning Plain(Dlt645Frame frame, string function, string? value) =>
        new(frame.Address.ToString(), frame.Control.Value.ToString("X2", CultureInfo.InvariantCulture), function, null, null, value, null);

    /// <summary>A read request carries the identifier; its reply the identifier then the value; a write the identifier, the password and operator code (8 bytes), then the value.</summary>
    private static LinkFrameMeaning WithIdentifier(Dlt645Frame frame, string function, ReadOnlySpan<byte> data, int valueAt = 4)
    {
        var id = MeterLink.DataIdentifier.Read(data);
        var item = PrepaidItems.Find(id);
        var raw = data.Length > valueAt ? data[valueAt..] : [];
        string? value = raw.Length == 0 ? null : item is null ? Convert.ToHexString(raw) : ValueText(item, raw);
        return new(frame.Address.ToString(), frame.Control.Value.ToString("X2", CultureInfo.InvariantCulture), function, id.ToString(), item?.Name, value, null);
    }

    /// <summary>A value as its item formats it: "60.00 kWh", "0110 (RelayOpen, EnergyPrepaid)", "12".</summary>
    public static string ValueText(Dlt645Item item, ReadOnlySpan<byte> raw)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Decode(raw) is not { } value)
        {
            return $"not BCD ({Convert.ToHexString(raw)})";
        }

        if (item.Bits)
        {
            return item == PrepaidItems.RunStatus3 ? $"{value:X4} ({(RunStatus3)value})" : value.ToString("X4", CultureInfo.InvariantCulture);
        }

        // decimal, not double: hundredths print exactly.
        var number = (value / (decimal)Dlt645Item.Scale(item.Decimals)).ToString("F" + item.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return item.Unit.Length == 0 ? number : $"{number} {item.Unit}";
    }

    private static string Name(Dlt645Function function) => function switch
    {
        Dlt645Function.BroadcastTime => "broadcast time",
        Dlt645Function.Read => "read",
        Dlt645Function.ReadFollowOn => "read follow-on",
        Dlt645Function.ReadAddress => "read address",
        Dlt645Function.Write => "write",
        Dlt645Function.Control => "control",
        var other => $"function {(byte)other:X2}H",
    };

    private static string ControlName(byte command) => (Dlt645ControlCommand)command switch
    {
        Dlt645ControlCommand.Trip => "trip",
        Dlt645ControlCommand.ClosePermitted => "close permitted",
        Dlt645ControlCommand.DirectClose => "direct close",
        Dlt645ControlCommand.AlarmOn => "alarm on",
        Dlt645ControlCommand.AlarmOff => "alarm off",
        Dlt645ControlCommand.KeepPowerOn => "keep power on",
        Dlt645ControlCommand.KeepPowerOff => "keep power off",
        _ => $"command {command:X2}H",
    };

    private static string Time(ReadOnlySpan<byte> wire) =>
        Dlt645Messages.ReadTime(wire) is { } time ? time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : $"not a time ({Convert.ToHexString(wire[..Math.Min(6, wire.Length)])})";
}
