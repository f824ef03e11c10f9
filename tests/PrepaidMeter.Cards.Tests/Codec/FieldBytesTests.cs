using PrepaidMeter.Cards.Codec;

namespace PrepaidMeter.Cards.Tests.Codec;

public sealed class FieldBytesTests
{
    [Theory]
    [InlineData(FieldEncoding.UIntBigEndian, 0x012345L, new byte[] { 0x01, 0x23, 0x45 })]
    [InlineData(FieldEncoding.UIntLittleEndian, 0x012345L, new byte[] { 0x45, 0x23, 0x01 })]
    [InlineData(FieldEncoding.IntBigEndian, -2L, new byte[] { 0xFF, 0xFF, 0xFE })]
    [InlineData(FieldEncoding.IntLittleEndian, -2L, new byte[] { 0xFE, 0xFF, 0xFF })]
    [InlineData(FieldEncoding.Bcd, 12345L, new byte[] { 0x01, 0x23, 0x45 })]
    [InlineData(FieldEncoding.BcdLittleEndian, 12345L, new byte[] { 0x45, 0x23, 0x01 })]
    [InlineData(FieldEncoding.BcdSigned, -12345L, new byte[] { 0x81, 0x23, 0x45 })]
    [InlineData(FieldEncoding.Ascii, 123L, new byte[] { 0x31, 0x32, 0x33 })]
    public void WriteThenRead_GivesTheBytesAndTheValue(FieldEncoding encoding, long value, byte[] bytes)
    {
        var written = new byte[bytes.Length];
        FieldBytes.Write(written, encoding, value);
        written.ShouldBe(bytes);
        FieldBytes.TryRead(bytes, encoding, out var read).ShouldBeTrue();
        read.ShouldBe(value);
    }

    [Theory]
    [InlineData(FieldEncoding.Bcd, new byte[] { 0x1A })]
    [InlineData(FieldEncoding.BcdSigned, new byte[] { 0xFA })]
    [InlineData(FieldEncoding.Ascii, new byte[] { 0x41 })]
    public void Read_BytesNotOfTheEncoding_IsRefused(FieldEncoding encoding, byte[] bytes) =>
        FieldBytes.TryRead(bytes, encoding, out _).ShouldBeFalse();

    [Fact]
    public void BcdDateTime_RoundTripsAndRefusesTheThirtiethOfFebruary()
    {
        var time = new DateTimeOffset(2026, 11, 23, 8, 30, 5, TimeSpan.Zero);
        var bytes = new byte[6];
        FieldBytes.WriteBcdDateTime(bytes, time);
        bytes.ShouldBe(new byte[] { 0x26, 0x11, 0x23, 0x08, 0x30, 0x05 });
        FieldBytes.TryReadBcdDateTime(bytes, out var seconds).ShouldBeTrue();
        seconds.ShouldBe(time.ToUnixTimeSeconds());
        FieldBytes.TryReadBcdDateTime([0x26, 0x02, 0x30, 0x00, 0x00, 0x00], out _).ShouldBeFalse();
    }
}
