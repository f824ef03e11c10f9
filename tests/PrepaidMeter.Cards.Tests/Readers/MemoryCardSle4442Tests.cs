using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Cards.Tests.Readers;

public sealed class MemoryCardSle4442Tests
{
    private static readonly byte[] Psc = [0x12, 0x34, 0x56];

    [Fact]
    public void Write_BeforeThePsc_IsLocked() =>
        new MemoryCard([], Psc).Write(40, [1]).Status.ShouldBe(CardIoStatus.Locked);

    [Fact]
    public void Write_IntoTheFirst32Bytes_IsWriteProtected()
    {
        var card = new MemoryCard([], Psc);
        card.PresentPsc(Psc).Status.ShouldBe(PscStatus.Accepted);
        card.Write(31, [1]).Status.ShouldBe(CardIoStatus.WriteProtected);
        card.Write(32, [1]).Success.ShouldBeTrue();
        card.Memory[32].ShouldBe((byte)1);
    }

    [Fact]
    public void ThreeWrongPscs_LockTheCardForGood()
    {
        var card = new MemoryCard([], Psc);
        card.PresentPsc([0, 0, 0]).ShouldBe(new PscResult(PscStatus.Wrong, 2));
        card.PresentPsc([0, 0, 0]).ShouldBe(new PscResult(PscStatus.Wrong, 1));
        card.PresentPsc([0, 0, 0]).ShouldBe(new PscResult(PscStatus.Locked, 0));
        card.PresentPsc(Psc).Status.ShouldBe(PscStatus.Locked);
        card.Write(40, [1]).Status.ShouldBe(CardIoStatus.Locked);
    }

    [Fact]
    public void RightPsc_RestoresTheTries()
    {
        var card = new MemoryCard([], Psc);
        card.PresentPsc([0, 0, 0]);
        card.PresentPsc(Psc).ShouldBe(new PscResult(PscStatus.Accepted, 3));
    }

    [Fact]
    public void EndSession_LocksWritesAgain()
    {
        var card = new MemoryCard([], Psc);
        card.PresentPsc(Psc);
        card.EndSession();
        card.Write(40, [1]).Status.ShouldBe(CardIoStatus.Locked);
    }

    [Fact]
    public void ChangePsc_NeedsTheOldOne()
    {
        var card = new MemoryCard([], Psc);
        card.ChangePsc([1, 1, 1]).Status.ShouldBe(CardIoStatus.Locked);
        card.PresentPsc(Psc);
        card.ChangePsc([1, 1, 1]).Success.ShouldBeTrue();
        card.EndSession();
        card.PresentPsc(Psc).Status.ShouldBe(PscStatus.Wrong);
    }
}
