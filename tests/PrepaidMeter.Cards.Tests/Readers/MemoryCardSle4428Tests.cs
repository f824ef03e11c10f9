using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Cards.Tests.Readers;

public sealed class MemoryCardSle4428Tests
{
    private static readonly byte[] Psc = [0x12, 0x34];

    private static MemoryCard Card() => new(CardMedium.Sle4428, [], Psc);

    [Fact]
    public void NewCard_HoldsAKilobyteOfFactoryFf_AndEightTries()
    {
        var card = Card();

        card.Memory.Length.ShouldBe(1024);
        card.Memory.ToArray().ShouldAllBe(b => b == 0xFF);
        card.TriesLeft.ShouldBe(8);
        card.ErrorCounter.ShouldBe((byte)0xFF);
    }

    [Fact]
    public void Write_AfterTheRightCode_LandsAnywhereUpTo1020_ButNotOnTheCounterOrPsc()
    {
        var card = Card();
        card.PresentPsc(Psc).Status.ShouldBe(PscStatus.Accepted);

        card.Write(0, [1]).Success.ShouldBeTrue();
        card.Write(1000, new byte[21]).Success.ShouldBeTrue();
        card.Write(1021, [0]).Status.ShouldBe(CardIoStatus.WriteProtected);
    }

    [Fact]
    public void Write_BeforeTheCode_IsLocked() => Card().Write(100, [1]).Status.ShouldBe(CardIoStatus.Locked);

    [Fact]
    public void EightWrongCodes_CountTheCounterDownBitByBit_ThenLockForGood()
    {
        var card = Card();
        for (var left = 7; left >= 1; left--)
        {
            card.PresentPsc([0, 0]).ShouldBe(new PscResult(PscStatus.Wrong, left));
            card.ErrorCounter.ShouldBe((byte)((1 << left) - 1));
        }

        card.PresentPsc([0, 0]).ShouldBe(new PscResult(PscStatus.Locked, 0));
        card.PresentPsc(Psc).Status.ShouldBe(PscStatus.Locked);
        card.Write(100, [1]).Status.ShouldBe(CardIoStatus.Locked);
    }

    [Fact]
    public void Protect_AByteHoldingTheValueGiven_MakesItUnchangeable_OthersStayWritable()
    {
        var card = Card();
        card.PresentPsc(Psc);
        card.Write(200, [0xAB, 0xCD]);

        card.Protect(200, [0xAB]).Success.ShouldBeTrue();

        card.IsProtected(200).ShouldBeTrue();
        card.Write(200, [0x00]).Status.ShouldBe(CardIoStatus.WriteProtected);
        card.Write(199, [0x00, 0x00]).Status.ShouldBe(CardIoStatus.WriteProtected, "a write touching a protected byte lands nowhere");
        card.Memory[199].ShouldBe((byte)0xFF);
        card.Write(201, [0x00]).Success.ShouldBeTrue();
    }

    [Fact]
    public void Protect_AByteHoldingAnotherValue_IsRefused_AndTheBitStaysClear()
    {
        var card = Card();
        card.PresentPsc(Psc);

        card.Protect(300, [0x00]).Status.ShouldBe(CardIoStatus.WriteProtected);
        card.IsProtected(300).ShouldBeFalse();
    }

    [Fact]
    public void Protect_WithoutTheCode_IsLocked() => Card().Protect(300, [0xFF]).Status.ShouldBe(CardIoStatus.Locked);

    [Fact]
    public void Constructor_AThreeBytePsc_IsAProgrammingError() =>
        Should.Throw<ArgumentException>(() => new MemoryCard(CardMedium.Sle4428, [], [1, 2, 3]));
}
