using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>The virtual card answers ACS pseudo-APDUs as an ACS reader with an SLE4442 does.</summary>
public sealed class Sle4442ApdusTests
{
    private static readonly byte[] Psc = [0x12, 0x34, 0x56];

    private static MemoryCard Card() => new(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), Psc);

    [Fact]
    public void Read_SixteenBytesAt40_AnswersThemThen9000()
    {
        var answer = Sle4442Apdus.Respond(Card(), Sle4442Apdus.Read(40, 16));

        answer.ShouldBe([.. Enumerable.Range(40, 16).Select(i => (byte)i), 0x90, 0x00]);
    }

    [Fact]
    public void PresentPsc_WrongThreeTimes_CountsDownThenLocksAndWritesAreRefused()
    {
        var card = Card();
        byte[] wrong = [0, 0, 0];

        Sle4442Apdus.Respond(card, Sle4442Apdus.PresentPsc(wrong)).ShouldBe(new byte[] { 0x90, 0x03 });
        Sle4442Apdus.Respond(card, Sle4442Apdus.PresentPsc(wrong)).ShouldBe(new byte[] { 0x90, 0x01 });
        Sle4442Apdus.Respond(card, Sle4442Apdus.PresentPsc(wrong)).ShouldBe(new byte[] { 0x90, 0x00 });
        Sle4442Apdus.Respond(card, Sle4442Apdus.PresentPsc(Psc)).ShouldBe(new byte[] { 0x90, 0x00 }, "locked for good");
        Sle4442Apdus.Respond(card, Sle4442Apdus.Write(64, [1, 2])).ShouldBe(new byte[] { 0x69, 0x82 });
    }

    [Fact]
    public void Write_AfterTheRightPsc_ChangesTheMemory_ButNotTheProtectedBytes()
    {
        var card = Card();
        Sle4442Apdus.Respond(card, Sle4442Apdus.PresentPsc(Psc)).ShouldBe(new byte[] { 0x90, 0x07 });

        Sle4442Apdus.Respond(card, Sle4442Apdus.Write(64, [0xAA, 0xBB])).ShouldBe(Sle4442Apdus.Ok);
        Sle4442Apdus.Respond(card, Sle4442Apdus.Write(8, [0xAA])).ShouldBe(new byte[] { 0x69, 0x86 });

        card.Memory[64].ShouldBe((byte)0xAA);
        card.Memory[65].ShouldBe((byte)0xBB);
        card.Memory[8].ShouldBe((byte)8);
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0xB0, 0x00, 0x00, 0x10 })]
    [InlineData(new byte[] { 0xFF, 0x99, 0x00, 0x00, 0x00 })]
    [InlineData(new byte[] { 0xFF })]
    public void Respond_SomethingElse_IsAnErrorStatusNeverAnException(byte[] apdu)
    {
        var answer = Sle4442Apdus.Respond(Card(), apdu);

        answer.Length.ShouldBe(2);
        answer[0].ShouldNotBe((byte)0x90);
    }

    [Theory]
    [InlineData(0x07, 3)]
    [InlineData(0x03, 2)]
    [InlineData(0x01, 1)]
    [InlineData(0x00, 0)]
    public void TriesLeft_CountsTheBitsOfSw2(byte sw2, int tries) => Sle4442Apdus.TriesLeft(sw2).ShouldBe(tries);
}
