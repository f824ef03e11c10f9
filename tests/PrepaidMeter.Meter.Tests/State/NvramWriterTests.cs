using System.Text;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter.Tests.State;

/// <summary>NVRAM images of version 1 were written with BinaryWriter; the span writer must write the same bytes.</summary>
public sealed class NvramWriterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(16_383)]
    [InlineData(16_384)]
    public void Write_String_MatchesBinaryWriter(int length)
    {
        var text = string.Concat(Enumerable.Range(0, length).Select(i => i % 7 == 0 ? 'é' : 'a'));
        var expected = Reference(b => b.Write(text));
        var buffer = new byte[expected.Length];
        var writer = new NvramWriter(buffer);

        writer.Write(text);

        writer.Position.ShouldBe(expected.Length);
        buffer.ShouldBe(expected);
        NvramWriter.SizeOf(text).ShouldBe(expected.Length);
    }

    [Fact]
    public void Write_Integers_MatchBinaryWriter()
    {
        var expected = Reference(b =>
        {
            b.Write(byte.MaxValue);
            b.Write(true);
            b.Write((ushort)0xBEEF);
            b.Write(-123_456);
            b.Write(4_000_000_000u);
            b.Write(long.MinValue);
            b.Write(ulong.MaxValue);
            b.Write([1, 2, 3]);
        });
        var buffer = new byte[expected.Length];
        var writer = new NvramWriter(buffer);

        writer.Write(byte.MaxValue);
        writer.Write(true);
        writer.Write((ushort)0xBEEF);
        writer.Write(-123_456);
        writer.Write(4_000_000_000u);
        writer.Write(long.MinValue);
        writer.Write(ulong.MaxValue);
        writer.Write([1, 2, 3]);

        writer.Position.ShouldBe(expected.Length);
        buffer.ShouldBe(expected);
    }

    private static byte[] Reference(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return stream.ToArray();
    }
}
