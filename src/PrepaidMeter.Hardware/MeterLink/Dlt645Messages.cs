namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// The frames of the master–meter dialogue, built from what they mean (DL/T 645-2007 §7). Data fields
/// here are plain; <see cref="Dlt645Codec"/> adds the +33H.
/// </summary>
public static class Dlt645Messages
{
    /// <summary>Password level and password (PA P0 P1 P2) and operator code (C0–C3) of a write or control.</summary>
    public const int AuthorityLength = 8;

    /// <summary>Read data (11H): the data identifier.</summary>
    public static Dlt645Frame Read(Dlt645Address meter, DataIdentifier id)
    {
        Span<byte> data = stackalloc byte[DataIdentifier.Length];
        id.WriteTo(data);
        return new(meter, Dlt645Control.Request(Dlt645Function.Read), data);
    }

    /// <summary>The meter's answer to a read (91H): the identifier, then the value.</summary>
    public static Dlt645Frame ReadReply(Dlt645Address meter, DataIdentifier id, ReadOnlySpan<byte> value)
    {
        Span<byte> data = stackalloc byte[DataIdentifier.Length + value.Length];
        id.WriteTo(data);
        value.CopyTo(data[DataIdentifier.Length..]);
        return new(meter, Dlt645Control.Reply(Dlt645Function.Read), data);
    }

    /// <summary>Read the meter's address (13H) of the one meter on the line, sent to the AA wildcard.</summary>
    public static Dlt645Frame ReadAddress() => new(Dlt645Address.Wildcard, Dlt645Control.Request(Dlt645Function.ReadAddress), []);

    /// <summary>The meter's answer to 13H (93H): its address, in the data field too.</summary>
    public static Dlt645Frame ReadAddressReply(Dlt645Address meter)
    {
        Span<byte> data = stackalloc byte[Dlt645Address.Length];
        meter.WriteTo(data);
        return new(meter, Dlt645Control.Reply(Dlt645Function.ReadAddress), data);
    }

    /// <summary>Write data (14H): identifier, password, operator code, value.</summary>
    public static Dlt645Frame Write(Dlt645Address meter, DataIdentifier id, ReadOnlySpan<byte> authority, ReadOnlySpan<byte> value)
    {
        Span<byte> data = stackalloc byte[DataIdentifier.Length + AuthorityLength + value.Length];
        id.WriteTo(data);
        Authority(authority).CopyTo(data[DataIdentifier.Length..]);
        value.CopyTo(data[(DataIdentifier.Length + AuthorityLength)..]);
        return new(meter, Dlt645Control.Request(Dlt645Function.Write), data);
    }

    /// <summary>
    /// Control (1CH): password, operator code, N1 the command, N2 reserved, then until when the command
    /// holds (ss mm hh DD MM YY, BCD).
    /// </summary>
    public static Dlt645Frame Control(Dlt645Address meter, Dlt645ControlCommand command, ReadOnlySpan<byte> authority, DateTimeOffset validUntil)
    {
        Span<byte> data = stackalloc byte[AuthorityLength + 2 + 6];
        Authority(authority).CopyTo(data);
        data[AuthorityLength] = (byte)command;
        data[AuthorityLength + 1] = 0;
        WriteTime(validUntil, data[(AuthorityLength + 2)..]);
        return new(meter, Dlt645Control.Request(Dlt645Function.Control), data);
    }

    /// <summary>Broadcast time (08H) to every meter on the line (no reply): ss mm hh DD MM YY, BCD.</summary>
    public static Dlt645Frame BroadcastTime(DateTimeOffset time)
    {
        Span<byte> data = stackalloc byte[6];
        WriteTime(time, data);
        return new(Dlt645Address.Broadcast, Dlt645Control.Request(Dlt645Function.BroadcastTime), data);
    }

    /// <summary>The meter's plain acknowledgement (94H to a write, 9CH to a control): no data.</summary>
    public static Dlt645Frame Acknowledge(Dlt645Address meter, Dlt645Function function) => new(meter, Dlt645Control.Reply(function), []);

    /// <summary>The meter refusing (D1H, D4H, DCH, ...): the error byte.</summary>
    public static Dlt645Frame Abnormal(Dlt645Address meter, Dlt645Function function, Dlt645Errors errors) =>
        new(meter, Dlt645Control.Abnormal(function), [(byte)errors]);

    /// <summary>A time as ss mm hh DD MM YY in BCD (years 2000–2099), UTC.</summary>
    public static void WriteTime(DateTimeOffset time, Span<byte> destination)
    {
        var utc = time.ToUniversalTime();
        ReadOnlySpan<int> parts = [utc.Second, utc.Minute, utc.Hour, utc.Day, utc.Month, utc.Year % 100];
        for (var i = 0; i < 6; i++)
        {
            destination[i] = Bcd.Pack(parts[i]);
        }
    }

    /// <summary>A time written by <see cref="WriteTime"/>; null when it is not a real moment of 2000–2099.</summary>
    public static DateTimeOffset? ReadTime(ReadOnlySpan<byte> wire)
    {
        if (wire.Length < 6)
        {
            return null;
        }

        Span<int> parts = stackalloc int[6];
        for (var i = 0; i < 6; i++)
        {
            if (!Bcd.TryUnpack(wire[i], out parts[i]))
            {
                return null;
            }
        }

        var (second, minute, hour, day, month, year) = (parts[0], parts[1], parts[2], parts[3], parts[4], 2000 + parts[5]);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
    }

    private static ReadOnlySpan<byte> Authority(ReadOnlySpan<byte> authority) => authority.Length == AuthorityLength
        ? authority
        : throw new ArgumentException($"Password and operator code are {AuthorityLength} bytes (PA P0 P1 P2 C0 C1 C2 C3).", nameof(authority));
}
