namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>Packed BCD as DL/T 645 sends numbers: two digits a byte, the lowest byte first.</summary>
internal static class Bcd
{
    public static byte Pack(int twoDigits) => (byte)(((twoDigits / 10) << 4) | (twoDigits % 10));

    /// <summary>The two digits of a byte; false when a nibble is over 9.</summary>
    public static bool TryUnpack(byte packed, out int twoDigits)
    {
        int high = packed >> 4, low = packed & 0x0F;
        twoDigits = (high * 10) + low;
        return high <= 9 && low <= 9;
    }

    /// <summary>Writes <paramref name="value"/> into all of <paramref name="destination"/>, lowest byte first.</summary>
    public static void WriteLittleEndian(ulong value, Span<byte> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = Pack((int)(value % 100));
            value /= 100;
        }
    }

    /// <summary>Reads all of <paramref name="wire"/>, lowest byte first; false when a byte is not two BCD digits.</summary>
    public static bool TryReadLittleEndian(ReadOnlySpan<byte> wire, out ulong value)
    {
        value = 0;
        for (var i = wire.Length - 1; i >= 0; i--)
        {
            if (!TryUnpack(wire[i], out var pair))
            {
                return false;
            }

            value = (value * 100) + (ulong)pair;
        }

        return true;
    }
}
