using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cards.Tests.Layouts;

/// <summary>
/// The vendor's case from issue 23: a 128-byte little-endian layout (XOR-8 and CRC-16/MODBUS) on an AT24C02 card,
/// written through a reader and read back, which the lab's 256-byte SLE4442s could not carry.
/// </summary>
public sealed class VendorAt24c02RoundTripTests
{
    private static CardLayout Layout() => CardLayouts.Resolve(RepoPaths.Fixtures("vendor-layouts", "acme-le128.json")).GetLayoutOrThrow();

    [Fact]
    public async Task UserCard_EncodedWrittenThroughTheReaderAndReadBack_DecodesToTheSameRecord()
    {
        var layout = Layout();
        var record = Some.UserCard(layout.Id) with { ReturnWrite = Some.ReturnWrite() };
        layout.Encode(record, null, out var image).ThrowIfRefused();
        var blank = layout.NewBlankCard(Some.Keys.Psc.Span);
        var reader = new InMemoryCardReader();
        reader.Insert(blank);

        var written = await CardImageIo.WriteChangedAsync(reader, layout.NewImage(), image, Some.Keys.Psc, CancellationToken.None, cardOffset: layout.MediumOffset);
        var (read, back) = await layout.ReadImageAsync(reader, CancellationToken.None);

        written.Success.ShouldBeTrue(written.ToString());
        read.Success.ShouldBeTrue();
        back.ShouldBe(image);
        layout.Decode(back).GetRecordOrThrow().ShouldBe(record);
        blank.Memory[128..].ToArray().ShouldAllBe(b => b == 0xFF, "the card's second half is not the layout's");
    }

    [Fact]
    public void Image_StoresAmountsLittleEndian_AndBothChecksumsOverTheImage()
    {
        var layout = Layout();
        layout.Encode(Some.UserCard(layout.Id, purchaseCount: 1, kwh: 50m), null, out var image).ThrowIfRefused();

        image[27..33].ShouldBe(new byte[] { 0x88, 0x13, 0, 0, 0, 0 }, "5000 hundredths, low byte first");
        image[124].ShouldBe(image[..124].Aggregate((byte)0, (x, b) => (byte)(x ^ b)));
        layout.Decode(image).Success.ShouldBeTrue();
    }

    [Fact]
    public void AnyChangedByte_IsACardFault()
    {
        var layout = Layout();
        layout.Encode(Some.UserCard(layout.Id), null, out var image).ThrowIfRefused();
        image[30] ^= 0x01;

        layout.Decode(image).Success.ShouldBeFalse();
    }
}
