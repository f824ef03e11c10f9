using System.Buffers.Binary;

namespace PrepaidMeter.Tokens.Ciphers;

/// <summary>A 64-bit block as the standard draws it: the first byte holds bits 63..56 (big-endian).</summary>
public static class Blocks
{
    public static ulong Read(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadUInt64BigEndian(bytes);

    public static void Write(Span<byte> bytes, ulong block) => BinaryPrimitives.WriteUInt64BigEndian(bytes, block);

    public static byte[] ToBytes(ulong block)
    {
        var bytes = new byte[8];
        Write(bytes, block);
        return bytes;
    }

    /// <summary>Sixteen hexadecimal digits, upper case, as keys and blocks are printed.</summary>
    public static string ToHex(ulong block) => block.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);
}
