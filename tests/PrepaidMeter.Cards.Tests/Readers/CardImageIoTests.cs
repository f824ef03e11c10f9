using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Cards.Tests.Readers;

public sealed class CardImageIoTests
{
    private static readonly byte[] FactoryPsc = [0xFF, 0xFF, 0xFF];

    [Fact]
    public void ChangedRuns_MergesNearbyChanges_AndSplitsFarOnes()
    {
        var current = new byte[64];
        var updated = new byte[64];
        updated[10] = 1;
        updated[13] = 1; // gap of 2: merged
        updated[40] = 1; // far: its own run
        CardImageIo.ChangedRuns(current, updated).ShouldBe([(10, 4), (40, 1)]);
        CardImageIo.ChangedRuns(current, current).ShouldBeEmpty();
    }

    [Fact]
    public async Task WriteChanged_SendsOnlyTheChangedRuns_AndVerifies()
    {
        var reader = new InMemoryCardReader();
        reader.Insert(new MemoryCard([]));
        var current = new byte[256];
        current.AsSpan().Fill(0xFF);
        var updated = (byte[])current.Clone();
        updated[50] = 7;
        updated[200] = 9;
        var result = await CardImageIo.WriteChangedAsync(reader, current, updated, FactoryPsc, CancellationToken.None);
        result.Success.ShouldBeTrue();
        reader.Exchanges.ShouldBe(4); // PSC, two writes, one read-back
        reader.Card!.Memory.ToArray().ShouldBe(updated);
    }

    [Fact]
    public async Task WriteChanged_WrongPsc_WritesNothing_AndSaysHowManyTriesAreLeft()
    {
        var reader = new InMemoryCardReader();
        reader.Insert(new MemoryCard([], [1, 2, 3]));
        var updated = new byte[256];
        var result = await CardImageIo.WriteChangedAsync(reader, new byte[256].Select(_ => (byte)0xFF).ToArray(), updated, FactoryPsc, CancellationToken.None);
        result.Status.ShouldBe(CardIoStatus.Locked);
        result.Detail.ShouldNotBeNull().ShouldContain("2 tries left");
        reader.Card!.Memory.ToArray().ShouldAllBe(b => b == 0xFF);
    }

    [Fact]
    public async Task WriteChanged_CardPulledOut_IsTorn()
    {
        var reader = new InMemoryCardReader();
        reader.Insert(new MemoryCard([]));
        var current = Enumerable.Repeat((byte)0xFF, 256).ToArray();
        var updated = (byte[])current.Clone();
        updated.AsSpan(40, 20).Clear();
        reader.TearNextWriteAfter(5);
        (await CardImageIo.WriteChangedAsync(reader, current, updated, FactoryPsc, CancellationToken.None)).Status.ShouldBe(CardIoStatus.TornWrite);
    }
}
