using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Cards.Tests.Readers;

public sealed class InMemoryCardReaderTests
{
    [Fact]
    public async Task Read_WithNoCard_SaysSoNamingTheReader()
    {
        var reader = new InMemoryCardReader("counter");
        var result = await reader.ReadAsync(0, new byte[4], CancellationToken.None);
        result.Status.ShouldBe(CardIoStatus.NoCard);
        result.Detail.ShouldNotBeNull().ShouldContain("counter");
    }

    [Fact]
    public async Task WaitForCard_ReturnsWhenACardIsInserted()
    {
        var reader = new InMemoryCardReader();
        var waiting = reader.WaitForCardAsync(TimeSpan.FromSeconds(10), CancellationToken.None).AsTask();
        waiting.IsCompleted.ShouldBeFalse();
        reader.Insert(new MemoryCard([]));
        (await waiting).ShouldBe(CardPresence.Present);
    }

    [Fact]
    public async Task WaitForCard_TimesOutAsAbsent()
    {
        var reader = new InMemoryCardReader();
        (await reader.WaitForCardAsync(TimeSpan.FromMilliseconds(20), CancellationToken.None)).ShouldBe(CardPresence.Absent);
    }

    [Fact]
    public async Task TornWrite_WritesPartOfTheBytes_AndTheCardLeaves()
    {
        var reader = new InMemoryCardReader();
        var card = new MemoryCard([]);
        reader.Insert(card);
        await reader.PresentPscAsync(new byte[] { 0xFF, 0xFF, 0xFF }, CancellationToken.None);
        reader.TearNextWriteAfter(2);
        var result = await reader.WriteAsync(40, new byte[] { 1, 2, 3, 4 }, CancellationToken.None);
        result.Status.ShouldBe(CardIoStatus.TornWrite);
        card.Memory[40..44].ToArray().ShouldBe(new byte[] { 1, 2, 0xFF, 0xFF });
        reader.Card.ShouldBeNull();
    }
}
