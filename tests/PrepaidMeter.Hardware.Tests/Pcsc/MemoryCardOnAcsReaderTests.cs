using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>The virtual card answers as an ACS reader with an SLE4428 or an AT24C card in it does.</summary>
public sealed class MemoryCardOnAcsReaderTests
{
    private static readonly byte[] Code = [0x12, 0x34];

    private static MemoryCardOnAcsReader Sle4428() => Selected(new MemoryCard(CardMedium.Sle4428, [], Code));

    private static MemoryCardOnAcsReader At24c02() => Selected(new MemoryCard(CardMedium.At24c02, []));

    private static MemoryCardOnAcsReader Sle4442() => Selected(new MemoryCard([]));

    /// <summary>The card in the reader with its type selected, as every session begins.</summary>
    private static MemoryCardOnAcsReader Selected(MemoryCard card)
    {
        var reader = new MemoryCardOnAcsReader(card);
        reader.Respond(AcsMemoryApdus.SelectCardType(card.Medium)).ShouldBe(AcsMemoryApdus.Ok);
        return reader;
    }

    [Fact]
    public void Atr_SaysTheMedium()
    {
        Sle4428().Atr.ToArray().ShouldBe(new byte[] { 0x3B, 0x04, 0x92, 0x23, 0x10, 0x91 });
        At24c02().Atr.ToArray().ShouldBe(new byte[] { 0x3B, 0x04, 0x49, 0x32, 0x43, 0x2E });
    }

    [Fact]
    public void SelectCardType_TheCardsOwnType_Is9000_AnotherIs6A81()
    {
        Sle4428().Respond(AcsMemoryApdus.SelectCardType(CardMedium.Sle4428)).ShouldBe(AcsMemoryApdus.Ok);
        Sle4428().Respond(AcsMemoryApdus.SelectCardType(CardMedium.Sle4442)).ShouldBe(new byte[] { 0x6A, 0x81 });
        At24c02().Respond(AcsMemoryApdus.SelectCardType(CardMedium.At24c02)).ShouldBe(AcsMemoryApdus.Ok);
    }

    [Fact]
    public void Sle4428_PresentCode_AnswersTheCounterAndCode_WriteAt1000UsesP1P2()
    {
        var card = Sle4428();

        card.Respond(AcsMemoryApdus.PresentCode([0, 0])).ShouldBe(new byte[] { 0x7F, 0xFF, 0xFF, 0x90, 0x00 });
        card.Respond(AcsMemoryApdus.ReadErrorCounter(CardMedium.Sle4428)).ShouldBe(new byte[] { 0x7F, 0, 0, 0x90, 0x00 });
        card.Respond(AcsMemoryApdus.Write(1000, [0xAA])).ShouldBe(new byte[] { 0x69, 0x82 });
        card.Respond(AcsMemoryApdus.PresentCode(Code)).ShouldBe(new byte[] { 0xFF, 0x12, 0x34, 0x90, 0x00 });
        card.Respond(AcsMemoryApdus.Write(1000, [0xAA])).ShouldBe(AcsMemoryApdus.Ok);
        card.Respond(AcsMemoryApdus.Read(1000, 1)).ShouldBe(new byte[] { 0xAA, 0x90, 0x00 });
    }

    [Fact]
    public void Sle4428_WriteProtection_ThenWritingThatByte_Is6986_AndItsBitReadsZero()
    {
        var card = Sle4428();
        card.Respond(AcsMemoryApdus.PresentCode(Code));
        card.Respond(AcsMemoryApdus.Write(8, [0x55]));

        card.Respond(AcsMemoryApdus.WriteProtection(8, [0x55])).ShouldBe(AcsMemoryApdus.Ok);

        card.Respond(AcsMemoryApdus.Write(8, [0x00])).ShouldBe(new byte[] { 0x69, 0x86 });
        card.Respond(AcsMemoryApdus.ReadProtection(8, 2)).ShouldBe(new byte[] { 0b10, 0x90, 0x00 });
    }

    [Fact]
    public void Sle4442_ProtectionBits_SayTheFirst32BytesAreProtected()
    {
        var card = Sle4442();

        card.Respond(AcsMemoryApdus.ReadProtection(0, 4)).ShouldBe(new byte[] { 0, 0, 0, 0, 0x90, 0x00 });
        card.Respond(AcsMemoryApdus.ReadErrorCounter(CardMedium.Sle4442)).ShouldBe(new byte[] { 0x07, 0, 0, 0, 0x90, 0x00 });
    }

    [Fact]
    public void At24c02_WritesWithoutACode_AndHasNoCodeCommand()
    {
        var card = At24c02();

        card.Respond(AcsMemoryApdus.Write(0, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).ShouldBe(AcsMemoryApdus.Ok);
        card.Respond(AcsMemoryApdus.Read(0, 10)).ShouldBe(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 0x90, 0x00 });
        card.Respond(AcsMemoryApdus.PresentCode([1, 2, 3])).ShouldBe(new byte[] { 0x6D, 0x00 });
    }

    [Fact]
    public void At24c02_APageSizeLargerThanTheChipsSelected_WrapsTheWriteInsideTheChipsPage()
    {
        var card = At24c02();
        card.Respond(AcsMemoryApdus.SelectPageSize(16)).ShouldBe(AcsMemoryApdus.Ok);

        card.Respond(AcsMemoryApdus.Write(0, [.. Enumerable.Range(1, 16).Select(i => (byte)i)])).ShouldBe(AcsMemoryApdus.Ok);

        card.Card.Memory[..8].ToArray().ShouldBe(new byte[] { 9, 10, 11, 12, 13, 14, 15, 16 }, "bytes 9..16 wrapped onto the 8-byte page");
        card.Card.Memory[8].ShouldBe((byte)0xFF);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD0, 0x00, 0x10, 0x03, 0x01 })]
    [InlineData(new byte[] { 0xFF, 0x20, 0x00, 0x00, 0x03, 0x12, 0x34, 0x56 })]
    [InlineData(new byte[] { 0xFF, 0xB1, 0x00, 0x00, 0x05 })]
    [InlineData(new byte[] { 0xFF, 0xA4, 0x00, 0x00, 0x02, 0x05 })]
    public void Sle4428_WrongLength_Is6700(byte[] apdu) => Sle4428().Respond(apdu).ShouldBe(new byte[] { 0x67, 0x00 });

    [Fact]
    public void Read_BeyondTheCard_Is6B00() => At24c02().Respond(AcsMemoryApdus.Read(250, 10)).ShouldBe(new byte[] { 0x6B, 0x00 });

    [Fact]
    public void AnyCommand_BeforeTheCardTypeIsSelected_Is6985_AsAfterAPowerOff()
    {
        var card = new MemoryCardOnAcsReader(new MemoryCard([]));

        card.Respond(AcsMemoryApdus.Read(0, 16)).ShouldBe(new byte[] { 0x69, 0x85 });
        card.Respond(AcsMemoryApdus.ReadErrorCounter(CardMedium.Sle4442)).ShouldBe(new byte[] { 0x69, 0x85 });
        card.Respond(AcsMemoryApdus.SelectCardType(CardMedium.Sle4442)).ShouldBe(AcsMemoryApdus.Ok);
        card.Respond(AcsMemoryApdus.Read(0, 1)).ShouldBe(new byte[] { 0xFF, 0x90, 0x00 });

        card.EndSession();

        card.Respond(AcsMemoryApdus.Read(0, 1)).ShouldBe(new byte[] { 0x69, 0x85 });
    }

    [Fact]
    public void SelectCardType_AnotherMediumsType_LeavesTheCardUnselected()
    {
        var card = new MemoryCardOnAcsReader(new MemoryCard([]));

        card.Respond(AcsMemoryApdus.SelectCardType(CardMedium.Sle4428)).ShouldBe(new byte[] { 0x6A, 0x81 });

        card.Respond(AcsMemoryApdus.Read(0, 1)).ShouldBe(new byte[] { 0x69, 0x85 });
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xB0, 0x00, 0x00 })]
    [InlineData(new byte[] { 0xFF, 0xD0, 0x00, 0x50, 0x02, 0xAA })]
    [InlineData(new byte[] { 0xFF, 0xB2, 0x00, 0x00, 0x03 })]
    [InlineData(new byte[] { 0xFF })]
    public void Sle4442_WrongLength_Is6700(byte[] apdu) => Sle4442().Respond(apdu).ShouldBe(new byte[] { 0x67, 0x00 });

    [Fact]
    public void Sle4442_ErrorCounterAndProtectionBits_AreAnsweredAsAnAcsReaderDoes()
    {
        var card = Sle4442();

        card.Respond([0xFF, 0xB1, 0x00, 0x00, 0x04]).ShouldBe(new byte[] { 0x07, 0x00, 0x00, 0x00, 0x90, 0x00 });
        card.Respond([0xFF, 0xB2, 0x00, 0x00, 0x04]).ShouldBe(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x90, 0x00 });
    }
}
