using System.Buffers.Binary;

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
        ReadOnlySpan<byte> table = BcdTable;
        int year = table[bytes[0]], month = table[bytes[1]], day = table[bytes[2]];
        int hour = table[bytes[3]], minute = table[bytes[4]], second = table[bytes[5]];
        if (year > 99 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2000 + year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        // Days since 1970-01-01 by the civil-from-days inverse (H. Hinnant), cheaper than building a DateTimeOffset per card.
        var y = 2000 + year - (month <= 2 ? 1 : 0);
        var era = y / 400;
        var yearOfEra = y - (era * 400);
        var dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        long days = (era * 146_097) + dayOfEra - 719_468;
        unixSeconds = (days * 86_400) + (hour * 3_600) + (minute * 60) + second;
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
        // At most 9 bytes (18 digits), so the arithmetic cannot overflow: unchecked on this hot path.
        unchecked
        {
            ReadOnlySpan<byte> table = BcdTable;
            value = 0;
            var negative = false;
            var invalid = 0;
            var last = bytes.Length - 1;
            for (var i = 0; i <= last; i++)
            {
                int b = bytes[bigEndian ? i : last - i];
                if (signed && i == 0)
                {
                    negative = (b & 0x80) != 0;
                    b &= 0x7F;
                }

                var pair = table[b];
                invalid |= pair & 0x80;
                value = (value * 100) + pair;
            }

            if (negative)
            {
                value = -value;
            }

            return invalid == 0;
        }
    }

    /// <summary>Each byte's two BCD digits as a number, or 0xFF when a nibble is over 9.</summary>
    private static readonly byte[] BcdTable = BuildBcdTable();

    private static byte[] BuildBcdTable()
    {
        var table = new byte[256];
        for (var b = 0; b < 256; b++)
        {
            table[b] = TryBcdByte((byte)b, out var value) ? (byte)value : (byte)0xFF;
        }

        return table;
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
