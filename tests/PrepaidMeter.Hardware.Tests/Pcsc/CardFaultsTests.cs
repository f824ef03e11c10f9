using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>The fault plan as a value: its validating methods, its PSC tries made as a card makes them, and how it reads.</summary>
public sealed class CardFaultsTests
{
    private static readonly byte[] Psc = [0x12, 0x34, 0x56];

    [Fact]
    public void ApplyTries_Zero_LocksTheCard_TheRightPscIsRefused()
    {
        var card = new MemoryCard(new byte[256], Psc);

        CardFaults.None.WithTriesLeft(0).ApplyTries(card);

        card.TriesLeft.ShouldBe(0);
        card.ErrorCounter.ShouldBe((byte)0);
        card.PresentPsc(Psc).Status.ShouldBe(PscStatus.Locked);
    }

    [Fact]
    public void ApplyTries_One_LeavesOneTry_AndTheCardIsNotUnlocked()
    {
        var card = new MemoryCard(new byte[256], Psc);

        CardFaults.None.WithTriesLeft(1).ApplyTries(card);

        card.TriesLeft.ShouldBe(1);
        card.IsUnlocked.ShouldBeFalse();
        card.Write(64, [1]).Status.ShouldBe(CardIoStatus.Locked);
    }

    [Fact]
    public void ApplyTries_MoreThanTheCardHas_RestoresThemWithTheRightCode()
    {
        var card = new MemoryCard(CardMedium.Sle4442, new byte[256], Psc, triesLeft: 1);

        CardFaults.None.WithTriesLeft(2).ApplyTries(card);

        card.TriesLeft.ShouldBe(2);
        card.IsUnlocked.ShouldBeFalse();
    }

    [Fact]
    public void ApplyTries_CpuCard_BlocksItsKey()
    {
        var cpu = CpuCard.Personalise(new byte[256], Psc);

        CardFaults.None.WithTriesLeft(0).ApplyTries(cpu.Card);

        cpu.TriesLeft.ShouldBe(0);
        var cryptogram = CpuCardKey.Cryptogram(CpuCardKey.FromSecret(Psc), new byte[CpuCardKey.ChallengeSize]);
        cpu.Respond(Iso7816Apdus.ExternalAuthenticate(cryptogram)).ShouldBe([0x69, 0x83]);
    }

    [Fact]
    public void TriesProblem_ACardWithoutAPscOrMoreThanItsMaximum_IsNamed()
    {
        CardFaults.None.WithTriesLeft(1).TriesProblem(CardMedium.At24c02).ShouldNotBeNull().ShouldContain("no PSC");
        CardFaults.None.WithTriesLeft(4).TriesProblem(CardMedium.Sle4442).ShouldNotBeNull().ShouldContain("at most 3");
        CardFaults.None.WithTriesLeft(8).TriesProblem(CardMedium.Sle4428).ShouldBeNull();
        CardFaults.None.TriesProblem(CardMedium.At24c02).ShouldBeNull();
    }

    [Fact]
    public void Methods_OutOfRangeValues_Throw()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => CardFaults.None.LeavingAt(0));
        Should.Throw<ArgumentOutOfRangeException>(() => CardFaults.None.TearingWritesAfter(-1));
        Should.Throw<ArgumentOutOfRangeException>(() => CardFaults.None.Delaying(TimeSpan.FromSeconds(61)));
        Should.Throw<ArgumentOutOfRangeException>(() => CardFaults.None.WithAtr([0x3B]));
        Should.Throw<ArgumentOutOfRangeException>(() => CardFaults.None.WithAtr(new byte[34]));
        Should.Throw<ArgumentOutOfRangeException>(() => CardFaults.None.WithTriesLeft(-1));
        Should.Throw<ArgumentOutOfRangeException>(() => ApduAnswer.To(3, 0x6C00));
    }

    [Fact]
    public void Equality_SameFaults_AreEqual_AnotherAtrIsNot()
    {
        var faults = CardFaults.None.LeavingAt(3).WithAtr([0x3B, 0x00]);

        faults.ShouldBe(CardFaults.None.LeavingAt(3).WithAtr([0x3B, 0x00]));
        faults.ShouldNotBe(CardFaults.None.LeavingAt(3).WithAtr([0x3B, 0x01]));
        CardFaults.None.IsNone.ShouldBeTrue();
        faults.IsNone.ShouldBeFalse();
    }

    [Fact]
    public void ToString_NamesEveryFaultInTheOrderTheyApply()
    {
        var faults = CardFaults.None.TearingWritesAfter(6).Answering(ApduAnswer.To(3, 0x6F00)).LeavingAt(9).Delaying(TimeSpan.FromMilliseconds(250)).WithTriesLeft(0);

        faults.ToString().ShouldBe("PSC tries lost (locked), every answer 250 ms late, leaves at APDU 9, answers 6F00 to APDU 3, leaves after 6 written bytes");
    }

    [Theory]
    [InlineData("3=6F00", 3, 0x6F00)]
    [InlineData("12=9000", 12, 0x9000)]
    [InlineData("1=6a82", 1, 0x6A82)]
    public void ApduAnswerParse_NEqualsSw_IsThatAnswer(string text, int apdu, int sw)
    {
        ApduAnswer.Parse(text).GetValueOrThrow().ShouldBe(ApduAnswer.To(apdu, (ushort)sw));
    }

    [Theory]
    [InlineData("3", "not N=SW")]
    [InlineData("0=6F00", "not an APDU number")]
    [InlineData("x=6F00", "not an APDU number")]
    [InlineData("3=6F0", "not a status word")]
    [InlineData("3=6FZZ", "not a status word")]
    [InlineData("3=6C10", "procedure bytes")]
    [InlineData("3=6100", "procedure bytes")]
    [InlineData("3=1234", "62 to 6F or 90 to 9F")]
    public void ApduAnswerParse_BadText_SaysWhatIsWrong(string text, string says)
    {
        ApduAnswer.Parse(text).Error.ShouldNotBeNull().ShouldContain(says);
    }
}
