using System.Globalization;
using PrepaidMeter.Hardware.MeterLink.Cjt188;

namespace PrepaidMeter.Hardware.MeterLink.Tracing;

/// <summary>
/// What one CJ/T 188 frame says, in the same words and fields as a DL/T 645 one (<see cref="LinkFrameMeaning"/>), so a
/// trace holds both kinds alike and <c>prepaid link trace show</c> prints them alike: the function, reply or abnormal
/// reply, the data identifier as named and as sent, the item's value decoded (901F's flows, time and status; a valve
/// command; a status), an abnormal reply's status as its error. The meter type and SER, which DL/T 645 lacks, are kept
/// beside it.
/// </summary>
public static class Cjt188FrameMeaning
{
    public static LinkFrameMeaning Of(Cjt188Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var control = frame.Control;
        var data = frame.Data;
        var function = Name(control.Function) + (control.IsReply ? control.IsAbnormal ? " refused" : " reply" : "");
        var address = frame.Address.ToString();
        var code = control.Value.ToString("X2", CultureInfo.InvariantCulture);
        if (control.IsAbnormal)
        {
            // SER ST0 ST1: the status is all an abnormal reply says of why ([S3]; docs/cjt188.md).
            var why = data.Length >= 1 + Cjt188Status.Length ? $"status {Cjt188Status.Read(data[1..])}" : $"no status ({Convert.ToHexString(data)})";
            return new(address, code, function, null, null, null, why);
        }

        if (data.Length < Cjt188Messages.HeadLength)
        {
            return new(address, code, function, null, null, data.Length == 0 ? null : Convert.ToHexString(data), null);
        }

        var id = Cjt188DataIdentifier.Read(data);
        var value = data[Cjt188Messages.HeadLength..];
        return new(address, code, function, IdentifierText(id), ItemName(id), ValueText(frame, id, value), null);
    }

    /// <summary>The sequence number SER of a frame: after DI0 DI1 in a normal frame, first in an abnormal reply; null when the frame is too short.</summary>
    public static byte? Ser(Cjt188Frame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var at = frame.Control.IsAbnormal ? 0 : Cjt188DataIdentifier.Length;
        return frame.Data.Length > at ? frame.Data[at] : null;
    }

    /// <summary>901F as a line: "1234.56 m³, settlement date 1200.00 m³, time 2026-12-06 08:00:05, valve open, battery normal".</summary>
    public static string MeteringText(Cjt188MeteringData data) =>
        $"{data.Current}, settlement date {data.Settlement}, time {(data.Time is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "none")}, {data.Status}";

    private static string? ValueText(Cjt188Frame frame, Cjt188DataIdentifier id, ReadOnlySpan<byte> value)
    {
        var control = frame.Control;
        if (control.Function == Cjt188Function.ReadAddress && control.IsReply)
        {
            return $"{frame.MeterType} {frame.Address}";
        }

        if (value.Length == 0)
        {
            return null;
        }

        if (Cjt188DataIdentifier.MeteringData.Matches(id) && control.IsReply && Cjt188MeteringData.TryRead(value, out var metering))
        {
            return MeteringText(metering);
        }

        if (Cjt188DataIdentifier.ValveControl.Matches(id))
        {
            return control.IsReply
                ? value.Length >= Cjt188Status.Length ? $"status {Cjt188Status.Read(value)}" : Convert.ToHexString(value)
                : value[0] switch
                {
                    Cjt188Messages.ValveOpen => "open (55H)",
                    Cjt188Messages.ValveClose => "close (99H)",
                    var other => $"command {other:X2}H",
                };
        }

        return Convert.ToHexString(value);
    }

    /// <summary>"901F"; "901F sent 90 1F" when a known identifier came in the other byte order than this tool sends (docs/cjt188.md).</summary>
    private static string IdentifierText(Cjt188DataIdentifier id) =>
        id == Cjt188DataIdentifier.MeteringData || id == Cjt188DataIdentifier.ReadAddress || id == Cjt188DataIdentifier.ValveControl || ItemName(id) is null
            ? id.Name
            : $"{id.Name} sent {id.Di0:X2} {id.Di1:X2}";

    private static string? ItemName(Cjt188DataIdentifier id) =>
        Cjt188DataIdentifier.MeteringData.Matches(id) ? "metering data"
        : Cjt188DataIdentifier.ReadAddress.Matches(id) ? "address"
        : Cjt188DataIdentifier.ValveControl.Matches(id) ? "valve control"
        : null;

    private static string Name(Cjt188Function function) => function switch
    {
        Cjt188Function.ReadData => "read",
        Cjt188Function.ReadAddress => "read address",
        Cjt188Function.WriteData => "write",
        Cjt188Function.ReadKeyVersion => "read key version",
        Cjt188Function.WriteAddress => "write address",
        Cjt188Function.WriteSyncData => "write sync data",
        var other => $"function {(byte)other:X2}H",
    };
}
