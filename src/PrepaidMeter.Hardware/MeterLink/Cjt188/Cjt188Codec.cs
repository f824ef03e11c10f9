namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>Why bytes on the line are not (yet) a CJ/T 188 frame.</summary>
public enum Cjt188FrameError
{
    None,

    /// <summary>A frame has begun but not all of it has arrived: read more and try again.</summary>
    Incomplete,

    /// <summary>No 68H among the bytes: they are line noise or wake-up bytes only.</summary>
    NoStart,

    /// <summary>The address is not fourteen BCD digits (nor the all-AAH wildcard).</summary>
    BadAddress,

    /// <summary>The length byte says more than this tool lets a frame carry.</summary>
    TooLong,

    /// <summary>The sum of the frame's bytes mod 256 is not the checksum byte.</summary>
    BadChecksum,

    /// <summary>The frame does not end with 16H.</summary>
    BadEnd,
}

/// <summary>
/// What <see cref="Cjt188Codec.Decode"/> found: a frame, or why not, and how many bytes of the buffer it used,
/// so a reader drops them and goes on (after an error, past the bad start, to resynchronise).
/// </summary>
public readonly record struct Cjt188DecodeResult(Cjt188Frame? Frame, Cjt188FrameError Error, int Consumed, string Detail)
{
    public bool Success => Frame is not null;
}

/// <summary>
/// CJ/T 188-2004 framing: up to four FEH wake-up bytes, 68H, the meter type T, the address (7 bytes, low
/// first), the control code, the data length, the data (plain bytes), the checksum (sum of every byte from
/// 68H through the data, mod 256), 16H. Decoding never throws on bad bytes: every malformed frame is a typed error.
/// </summary>
public static class Cjt188Codec
{
    public const byte Start = 0x68;
    public const byte End = 0x16;
    public const byte WakeUp = 0xFE;

    /// <summary>
    /// The most data bytes this tool takes in a frame. The longest item here is 22 bytes (901F of a water or gas
    /// meter; a heat meter's is 46); a bound keeps a stray 68H from holding the reader for 255 bytes.
    /// </summary>
    public const int MaxData = 100;

    /// <summary>Bytes around the data: 68H, T, address, control, length, checksum, 16H.</summary>
    public const int Overhead = 13;

    private const int Header = 11;

    /// <summary>The frame on the wire, after <paramref name="wakeUp"/> FEH bytes (0 to 4).</summary>
    public static byte[] Encode(Cjt188Frame frame, int wakeUp = 4)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegative(wakeUp);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(wakeUp, 4);
        var data = frame.Data;
        var wire = new byte[wakeUp + Overhead + data.Length];
        wire.AsSpan(0, wakeUp).Fill(WakeUp);
        var f = wire.AsSpan(wakeUp);
        f[0] = Start;
        f[1] = frame.MeterType.Code;
        frame.Address.WriteTo(f[2..]);
        f[9] = frame.Control.Value;
        f[10] = (byte)data.Length;
        data.CopyTo(f[Header..]);
        f[Header + data.Length] = Sum(f[..(Header + data.Length)]);
        f[Header + 1 + data.Length] = End;
        return wire;
    }

    /// <summary>Finds the first frame in <paramref name="buffer"/>, skipping wake-up bytes and noise before it.</summary>
    public static Cjt188DecodeResult Decode(ReadOnlySpan<byte> buffer)
    {
        var start = buffer.IndexOf(Start);
        if (start < 0)
        {
            return new(null, Cjt188FrameError.NoStart, buffer.Length, $"{buffer.Length} bytes without a 68H");
        }

        var f = buffer[start..];
        if (f.Length < Header)
        {
            return new(null, Cjt188FrameError.Incomplete, start, "the frame's header has not all arrived");
        }

        int length = f[10];
        if (length > MaxData)
        {
            return Bad(Cjt188FrameError.TooLong, start, $"the length byte says {length} data bytes; this tool takes at most {MaxData}");
        }

        if (f.Length < Overhead + length)
        {
            return new(null, Cjt188FrameError.Incomplete, start, $"{Overhead + length - f.Length} more bytes of the frame are to come");
        }

        var sum = Sum(f[..(Header + length)]);
        if (f[Header + length] != sum)
        {
            return Bad(Cjt188FrameError.BadChecksum, start, $"checksum {f[Header + length]:X2}H, the bytes sum to {sum:X2}H");
        }

        if (f[Header + 1 + length] != End)
        {
            return Bad(Cjt188FrameError.BadEnd, start, $"the frame ends with {f[Header + 1 + length]:X2}H, not 16H");
        }

        if (!Cjt188Address.TryRead(f[2..9], out var address))
        {
            return Bad(Cjt188FrameError.BadAddress, start, $"address bytes {Convert.ToHexString(f[2..9])} are not BCD digits");
        }

        var frame = new Cjt188Frame(new Cjt188MeterType(f[1]), address, new Cjt188Control(f[9]), f.Slice(Header, length));
        return new(frame, Cjt188FrameError.None, start + Overhead + length, "");
    }

    // Past the bad start byte only: a real frame may begin inside what looked like this one. CJ/T 188 has no
    // second 68H to check, so the checksum is what finds a false start.
    private static Cjt188DecodeResult Bad(Cjt188FrameError error, int start, string detail) => new(null, error, start + 1, detail);

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
