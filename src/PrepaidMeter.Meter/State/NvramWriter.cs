using System.Buffers.Binary;
using System.Text;

namespace PrepaidMeter.Meter.State;

/// <summary>
/// Writes the NVRAM format straight into a span: little-endian integers and 7-bit-length-prefixed UTF-8
/// strings, byte for byte what <see cref="BinaryWriter"/> writes (images of version 1 stay readable).
/// A commit happens after every card and every advance, so it must not go through streams.
/// </summary>
internal ref struct NvramWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;

    public int Position { get; private set; }

    /// <summary>The bytes <see cref="Write(string)"/> takes for <paramref name="value"/>.</summary>
    public static int SizeOf(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        return SevenBitLength((uint)length) + length;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_destination[Position..]);
        Position += bytes.Length;
    }

    public void Write(byte value) => _destination[Position++] = value;

    public void Write(bool value) => Write(value ? (byte)1 : (byte)0);

    public void Write(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_destination[Position..], value);
        Position += 2;
    }

    public void Write(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_destination[Position..], value);
        Position += 4;
    }

    public void Write(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_destination[Position..], value);
        Position += 4;
    }

    public void Write(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_destination[Position..], value);
        Position += 8;
    }

    public void Write(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_destination[Position..], value);
        Position += 8;
    }

    public void Write(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var prefix = (uint)length;
        while (prefix >= 0x80)
        {
            Write(unchecked((byte)(prefix | 0x80)));
            prefix >>= 7;
        }

        Write((byte)prefix);
        Position += Encoding.UTF8.GetBytes(value, _destination[Position..]);
    }

    private static int SevenBitLength(uint value)
    {
        var bytes = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            bytes++;
        }

        return bytes;
    }
}
