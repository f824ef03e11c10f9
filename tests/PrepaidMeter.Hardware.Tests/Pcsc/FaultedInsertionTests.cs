using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>
/// What a card does with each APDU under a fault plan, without pcscd: the APDU the card leaves at, the status word it
/// answers instead of carrying a command out, the write it tears, in the order docs/card-media.md ("Fault injection") gives.
/// </summary>
public sealed class FaultedInsertionTests
{
    private static readonly byte[] Psc = [0x12, 0x34, 0x56];

    private static MemoryCard NewCard() => new([.. Enumerable.Range(0, 256).Select(i => (byte)i)], Psc);

    /// <summary>APDUs 1 and 2 of every session here: the card type selected, the PSC presented.</summary>
    private static FaultedInsertion Opened(MemoryCard card, CardFaults faults)
    {
        var insertion = new FaultedInsertion(new MemoryCardOnAcsReader(card), faults);
        insertion.Take(AcsMemoryApdus.SelectCardType(CardMedium.Sle4442)).ShouldBe(AcsMemoryApdus.Ok);
        insertion.Take(AcsMemoryApdus.PresentCode(Psc)).ShouldBe([0x90, 0x07]);
        return insertion;
    }

    private static byte[] Bytes(int count, byte value) => [.. Enumerable.Repeat(value, count)];

    [Fact]
    public void Take_LeaveAt3_TheThirdApduIsNeitherCarriedOutNorAnswered_AndTheCardIsGone()
    {
        var card = NewCard();
        var insertion = Opened(card, CardFaults.None.LeavingAt(3));

        insertion.Take(AcsMemoryApdus.Write(64, Bytes(8, 0xAA))).ShouldBeNull();

        insertion.HasLeft.ShouldBeTrue();
        insertion.Apdus.ShouldBe(3);
        card.Memory[64..72].ToArray().ShouldBe(NewCard().Memory[64..72].ToArray());
        Should.Throw<InvalidOperationException>(() => insertion.Take(AcsMemoryApdus.Read(0, 8)));
    }

    [Fact]
    public void Take_Answer3With6F00_AnswersTheStatusWordWithoutWriting_AndTheFourthIsCarriedOut()
    {
        var card = NewCard();
        var insertion = Opened(card, CardFaults.None.Answering(ApduAnswer.To(3, 0x6F00)));

        insertion.Take(AcsMemoryApdus.Write(64, Bytes(8, 0xAA))).ShouldBe([0x6F, 0x00]);
        card.Memory[64].ShouldBe((byte)64);

        insertion.Take(AcsMemoryApdus.Write(64, Bytes(8, 0xAA))).ShouldBe(AcsMemoryApdus.Ok);
        card.Memory[64..72].ToArray().ShouldBe(Bytes(8, 0xAA));
        insertion.HasLeft.ShouldBeFalse();
    }

    [Fact]
    public void Take_TearWritesAfter6_SixBytesOfTheWriteLand_AndTheCardLeavesWithoutAnswering()
    {
        var card = NewCard();
        var insertion = Opened(card, CardFaults.None.TearingWritesAfter(6));

        insertion.Take(AcsMemoryApdus.Write(64, Bytes(16, 0xAA))).ShouldBeNull();

        insertion.HasLeft.ShouldBeTrue();
        insertion.Written.ShouldBe(6);
        card.Memory[64..70].ToArray().ShouldBe(Bytes(6, 0xAA));
        card.Memory[70..80].ToArray().ShouldBe(NewCard().Memory[70..80].ToArray());
    }

    [Fact]
    public void Take_TearWritesAfter20_CountsOverTheWrites_TheFirstLandsWholeAndFourOfTheSecond()
    {
        var card = NewCard();
        var insertion = Opened(card, CardFaults.None.TearingWritesAfter(20));

        insertion.Take(AcsMemoryApdus.Write(40, Bytes(16, 0xAA))).ShouldBe(AcsMemoryApdus.Ok);
        insertion.Take(AcsMemoryApdus.Write(100, Bytes(16, 0xBB))).ShouldBeNull();

        card.Memory[40..56].ToArray().ShouldBe(Bytes(16, 0xAA));
        card.Memory[100..104].ToArray().ShouldBe(Bytes(4, 0xBB));
        card.Memory[104].ShouldBe((byte)104);
    }

    [Fact]
    public void Take_TearMarkAtTheWritesLastByte_EveryByteLands_AndTheCardStillLeavesBeforeAnswering()
    {
        var card = NewCard();
        var insertion = Opened(card, CardFaults.None.TearingWritesAfter(8));

        insertion.Take(AcsMemoryApdus.Write(64, Bytes(8, 0xAA))).ShouldBeNull();

        card.Memory[64..72].ToArray().ShouldBe(Bytes(8, 0xAA));
        insertion.HasLeft.ShouldBeTrue();
    }

    [Fact]
    public void Take_WriteRefusedBeforeThePsc_CountsNoBytesTowardsTheMark()
    {
        var card = NewCard();
        var insertion = new FaultedInsertion(new MemoryCardOnAcsReader(card), CardFaults.None.TearingWritesAfter(10));
        insertion.Take(AcsMemoryApdus.SelectCardType(CardMedium.Sle4442));

        insertion.Take(AcsMemoryApdus.Write(64, Bytes(8, 0xAA))).ShouldBe([0x69, 0x82]);
        insertion.Take(AcsMemoryApdus.PresentCode(Psc));
        insertion.Take(AcsMemoryApdus.Write(64, Bytes(8, 0xAA))).ShouldBe(AcsMemoryApdus.Ok);

        insertion.Written.ShouldBe(8);
        insertion.HasLeft.ShouldBeFalse();
    }

    [Fact]
    public void Take_LeaveAndAnswerAtTheSameApdu_LeavingComesFirst()
    {
        var insertion = Opened(NewCard(), CardFaults.None.LeavingAt(3).Answering(ApduAnswer.To(3, 0x6F00)));

        insertion.Take(AcsMemoryApdus.Read(0, 8)).ShouldBeNull();
    }

    [Fact]
    public void Take_StatusWordAnsweredToTheWriteTheMarkFallsIn_TheWriteIsNotCarriedOut_AndTheNextOneTears()
    {
        var card = NewCard();
        var insertion = Opened(card, CardFaults.None.Answering(ApduAnswer.To(3, 0x6581)).TearingWritesAfter(2));

        insertion.Take(AcsMemoryApdus.Write(64, Bytes(8, 0xAA))).ShouldBe([0x65, 0x81]);
        card.Memory[64].ShouldBe((byte)64);
        insertion.Take(AcsMemoryApdus.Write(64, Bytes(8, 0xAA))).ShouldBeNull();

        card.Memory[64..67].ToArray().ShouldBe([0xAA, 0xAA, 66]);
    }

    [Fact]
    public void Atr_WithAnotherAtr_IsTheFaultsNotTheMediums()
    {
        byte[] atr = [0x3B, 0x02, 0x14, 0x50];

        new FaultedInsertion(new MemoryCardOnAcsReader(NewCard()), CardFaults.None.WithAtr(atr)).Atr.ToArray().ShouldBe(atr);
        new FaultedInsertion(new MemoryCardOnAcsReader(NewCard()), CardFaults.None).Atr.ToArray().ShouldBe(AcsMemoryApdus.Sle4442Atr);
    }

    [Fact]
    public void Take_CpuCardTearWritesAfter5_FiveBytesOfTheUpdateLand()
    {
        var cpu = CpuCard.Personalise([.. Enumerable.Range(0, 256).Select(i => (byte)i)], Psc);
        var insertion = new FaultedInsertion(cpu, CardFaults.None.TearingWritesAfter(5));
        insertion.Take(Iso7816Apdus.Select(CpuCard.ImageFile)).ShouldBe(AcsMemoryApdus.Ok);
        var challenge = insertion.Take(Iso7816Apdus.GetChallenge()).ShouldNotBeNull();
        var cryptogram = CpuCardKey.Cryptogram(CpuCardKey.FromSecret(Psc), challenge.AsSpan(0, CpuCardKey.ChallengeSize));
        insertion.Take(Iso7816Apdus.ExternalAuthenticate(cryptogram)).ShouldBe(AcsMemoryApdus.Ok);

        insertion.Take(Iso7816Apdus.UpdateBinary(200, Bytes(10, 0xCC))).ShouldBeNull();

        cpu.Memory[200..205].ToArray().ShouldBe(Bytes(5, 0xCC));
        cpu.Memory[205].ShouldBe((byte)205);
    }
}
