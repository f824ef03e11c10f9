namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>Why bytes on the line are not (yet) a frame.</summary>
public enum Dlt645FrameError
{
    None,

    /// <summary>A frame has begun but not all of it has arrived: read more and try again.</summary>
    Incomplete,

    /// <summary>No 68H among the bytes: they are line noise or preamble only.</summary>
    NoStart,

    /// <summary>The byte after the address is not the second 68H.</summary>
    BadSecondStart,

    /// <summary>The address is not twelve BCD digits (nor the AA wildcard).</summary>
    BadAddress,

    /// <summary>The length byte says more than a frame may carry.</summary>
    TooLong,

    /// <summary>The sum of the frame's bytes mod 256 is not the checksum byte.</summary>
    BadChecksum,

    /// <summary>The frame does not end with 16H.</summary>
    BadEnd,
}

/// <summary>
/// What <see cref="Dlt645Codec.Decode"/> found: a frame, or why not, and how many bytes of the buffer it
/// used — so a reader drops them and goes on (after an error, past the bad start, to resynchronise).
/// </summary>
public readonly record struct Dlt645DecodeResult(Dlt645Frame? Frame, Dlt645FrameError Error, int Consumed, string Detail)
{
    public bool Success => Frame is not null;
}

/// <summary>
/// DL/T 645-2007 framing: up to four FEH wake-up bytes, 68H, the address (6 bytes, low first), 68H, the
/// control code, the data length, the data (each byte +33H), the checksum (sum of every byte from the
/// first 68H mod 256), 16H. Decoding never throws on bad bytes: every malformed frame is a typed error.
/// </summary>
public static class Dlt645Codec
{
    public const byte Start = 0x68;
    public const byte End = 0x16;
    public const byte WakeUp = 0xFE;
    public const byte DataOffset = 0x33;

    /// <summary>The most data bytes a frame carries (the standard's limit for reads and writes).</summary>
    public const int MaxData = 200;

    /// <summary>Bytes around the data: 68H, address, 68H, control, length, checksum, 16H.</summary>
    public const int Overhead = 12;

    /// <summary>The frame on the wire, after <paramref name="wakeUp"/> FEH bytes (0 to 4).</summary>
    public static byte[] Encode(Dlt645Frame frame, int wakeUp = 4)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(wakeUp);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wakeUp, 4);
        var data = frame.Data;
        var wire = new byte[wakeUp + Overhead + data.Length];
        wire.AsSpan(0, wakeUp).Fill(WakeUp);
        var f = wire.AsSpan(wakeUp);
        f[0] = Start;
        frame.Address.WriteTo(f[1..]);
        f[7] = Start;
        f[8] = frame.Control.Value;
        f[9] = (byte)data.Length;
        for (var i = 0; i < data.Length; i++)
        {
            f[10 + i] = unchecked((byte)(data[i] + DataOffset));
        }

        f[10 + data.Length] = Sum(f[..(10 + data.Length)]);
        f[11 + data.Length] = End;
        return wire;
    }

    /// <summary>Finds the first frame in <paramref name="buffer"/>, skipping wake-up bytes and noise before it.</summary>
    public static Dlt645DecodeResult Decode(ReadOnlySpan<byte> buffer)
    {
        var start = buffer.IndexOf(Start);
        if (start < 0)
        {
            return new(null, Dlt645FrameError.NoStart, buffer.Length, $"{buffer.Length} bytes without a 68H");
        }

        var f = buffer[start..];
        if (f.Length < 10)
        {
            return new(null, Dlt645FrameError.Incomplete, start, "the frame's header has not all arrived");
        }

        if (f[7] != Start)
        {
            return Bad(Dlt645FrameError.BadSecondStart, start, $"byte 7 of the frame is {f[7]:X2}H, not 68H");
        }

        int length = f[9];
        if (length > MaxData)
        {
            return Bad(Dlt645FrameError.TooLong, start, $"the length byte says {length} data bytes; a frame carries at most {MaxData}");
        }

        if (f.Length < Overhead + length)
        {
            return new(null, Dlt645FrameError.Incomplete, start, $"{Overhead + length - f.Length} more bytes of the frame are to come");
        }

        var sum = Sum(f[..(10 + length)]);
        if (f[10 + length] != sum)
        {
            return Bad(Dlt645FrameError.BadChecksum, start, $"checksum {f[10 + length]:X2}H, the bytes sum to {sum:X2}H");
        }

        if (f[11 + length] != End)
        {
            return Bad(Dlt645FrameError.BadEnd, start, $"the frame ends with {f[11 + length]:X2}H, not 16H");
        }

        if (!Dlt645Address.TryRead(f[1..7], out var address))
        {
            return Bad(Dlt645FrameError.BadAddress, start, $"address bytes {Convert.ToHexString(f[1..7])} are not BCD digits");
        }

        Span<byte> data = stackalloc byte[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = unchecked((byte)(f[10 + i] - DataOffset));
        }

        return new(new Dlt645Frame(address, new Dlt645Control(f[8]), data), Dlt645FrameError.None, start + Overhead + length, "");
    }

    // Past the bad start byte only: a real frame may begin inside what looked like this one.
    private static Dlt645DecodeResult Bad(Dlt645FrameError error, int start, string detail) => new(null, error, start + 1, detail);

    private static byte Sum(ReadOnlySpan<byte> bytes)
    {
        var sum = 0;
        foreach (var b in bytes)
        {
            sum += b;
        }

        return unchecked((byte)sum);
    }
}
