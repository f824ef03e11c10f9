using System.Buffers.Binary;
using PrepaidMeter.Cards.Layouts;

namespace PrepaidMeter.Cards.Codec;

/// <summary>Reads and writes one integer in one of the card encodings. No allocation.</summary>
internal static class FieldBytes
{
    /// <summary>Reads a value; false when the bytes are not valid for the encoding (a nibble over 9 in BCD).</summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, FieldEncoding encoding, out long value)
    {
        value = 0;
        switch (encoding)
        {
            case FieldEncoding.UIntBigEndian:
                foreach (var b in bytes)
                {
                    value = (value << 8) | b;
                }

                return true;
            case FieldEncoding.UIntLittleEndian:
                for (var i = bytes.Length - 1; i >= 0; i--)
                {
                    value = (value << 8) | bytes[i];
                }

                return true;
            case FieldEncoding.IntBigEndian:
            case FieldEncoding.IntLittleEndian:
                return TryReadSigned(bytes, encoding == FieldEncoding.IntBigEndian, out value);
            case FieldEncoding.Bcd:
                return TryReadBcd(bytes, bigEndian: true, signed: false, out value);
            case FieldEncoding.BcdLittleEndian:
                return TryReadBcd(bytes, bigEndian: false, signed: false, out value);
            case FieldEncoding.BcdSigned:
                return TryReadBcd(bytes, bigEndian: true, signed: true, out value);
            case FieldEncoding.Ascii:
                foreach (var b in bytes)
                {
                    if (b is < (byte)'0' or > (byte)'9')
                    {
                        return false;
                    }

                    value = (value * 10) + (b - '0');
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Writes a value the caller has already checked against the field's capacity.</summary>
    public static void Write(Span<byte> bytes, FieldEncoding encoding, long value)
    {
        switch (encoding)
        {
            case FieldEncoding.UIntBigEndian:
            case FieldEncoding.IntBigEndian:
                for (var i = bytes.Length - 1; i >= 0; i--)
                {
                    bytes[i] = unchecked((byte)value);
                    value >>= 8;
                }

                break;
            case FieldEncoding.UIntLittleEndian:
            case FieldEncoding.IntLittleEndian:
                for (var i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = unchecked((byte)value);
                    value >>= 8;
                }

                break;
            case FieldEncoding.Bcd:
            case FieldEncoding.BcdSigned:
                var negative = value < 0;
                var magnitude = Math.Abs(value);
                for (var i = bytes.Length - 1; i >= 0; i--)
                {
                    bytes[i] = ToBcdByte(magnitude % 100);
                    magnitude /= 100;
                }

                if (negative)
                {
                    bytes[0] |= 0x80;
                }

                break;
            case FieldEncoding.BcdLittleEndian:
                for (var i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = ToBcdByte(value % 100);
                    value /= 100;
                }

                break;
            case FieldEncoding.Ascii:
                for (var i = bytes.Length - 1; i >= 0; i--)
                {
                    bytes[i] = (byte)('0' + (value % 10));
                    value /= 10;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Not an integer encoding.");
        }
    }

    /// <summary>A UTC time as YY MM DD hh mm ss in BCD (years 2000-2099), the DL/T 645 way.</summary>
    public static bool TryReadBcdDateTime(ReadOnlySpan<byte> bytes, out long unixSeconds)
    {
        unixSeconds = 0;
        Span<int> parts = stackalloc int[6];
        for (var i = 0; i < 6; i++)
        {
            if (!TryBcdByte(bytes[i], out parts[i]))
            {
                return false;
            }
        }

        var (year, month, day, hour, minute, second) = (2000 + parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        unixSeconds = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeSeconds();
        return true;
    }

    public static void WriteBcdDateTime(Span<byte> bytes, DateTimeOffset utc)
    {
        bytes[0] = ToBcdByte(utc.Year - 2000);
        bytes[1] = ToBcdByte(utc.Month);
        bytes[2] = ToBcdByte(utc.Day);
        bytes[3] = ToBcdByte(utc.Hour);
        bytes[4] = ToBcdByte(utc.Minute);
        bytes[5] = ToBcdByte(utc.Second);
    }

    /// <summary>Stores a checksum value in its field's byte order.</summary>
    public static void WriteChecksum(Span<byte> bytes, uint value, bool littleEndian)
    {
        switch (bytes.Length)
        {
            case 1:
                bytes[0] = (byte)value;
                break;
            case 2 when littleEndian:
                BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value);
                break;
            case 2:
                BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)value);
                break;
            case 4 when littleEndian:
                BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
                break;
            default:
                BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
                break;
        }
    }

    public static uint ReadChecksum(ReadOnlySpan<byte> bytes, bool littleEndian) => bytes.Length switch
    {
        1 => bytes[0],
        2 => littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes),
        _ => littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes),
    };

    private static bool TryReadSigned(ReadOnlySpan<byte> bytes, bool bigEndian, out long value)
    {
        value = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            value = (value << 8) | bytes[bigEndian ? i : bytes.Length - 1 - i];
        }

        // Sign-extend from the field's width.
        var shift = 64 - (8 * bytes.Length);
        value = (value << shift) >> shift;
        return true;
    }

    private static bool TryReadBcd(ReadOnlySpan<byte> bytes, bool bigEndian, bool signed, out long value)
    {
        value = 0;
        var negative = false;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[bigEndian ? i : bytes.Length - 1 - i];
            if (signed && i == 0)
            {
                negative = (b & 0x80) != 0;
                b &= 0x7F;
            }

            if (!TryBcdByte(b, out var pair))
            {
                return false;
            }

            value = (value * 100) + pair;
        }

        if (negative)
        {
            value = -value;
        }

        return true;
    }

    private static bool TryBcdByte(byte b, out int value)
    {
        var high = b >> 4;
        var low = b & 0x0F;
        value = (high * 10) + low;
        return high <= 9 && low <= 9;
    }

    private static byte ToBcdByte(long twoDigits) => (byte)(((twoDigits / 10) << 4) | (twoDigits % 10));
}
