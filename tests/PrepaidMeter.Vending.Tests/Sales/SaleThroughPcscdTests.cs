using System.Net.Sockets;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Sales;

/// <summary>
/// The back office with a real reader: pcscd, vpcd slot 0 and the project's virtual card on either medium.
/// The counter changes nothing for a CPU card, and a card pulled out mid-write through the real stack
/// leaves nothing recorded. tools/test.sh starts pcscd.
/// </summary>
public sealed class SaleThroughPcscdTests : IDisposable
{
    private static readonly TimeSpan CardTimeout = TimeSpan.FromSeconds(10);
    private readonly VpcdSlots _slots = VpcdSlots.Take();

    public void Dispose() => _slots.Dispose();

    /// <summary>An account opened with a first purchase the meter has loaded; its card on <paramref name="media"/>.</summary>
    private static IVirtualCardMedium SwipedCardOn(Counter counter, string media)
    {
        var (_, opened) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(opened);
        return media == "cpu" ? CpuCard.Personalise(opened.Memory, Some.Keys.Psc.Span) : new MemoryCardOnAcsReader(opened);
    }

    /// <summary>The meter's swipe through the reader, as `prepaid meter run` does it: read, insert, write the return-write back.</summary>
    private static async Task<byte[]> SwipeThroughAsync(Counter counter, PcscCardReader reader)
    {
        var (read, image) = await CardImageIo.ReadAsync(reader, Counter.Layout.Size, CancellationToken.None);
        read.ShouldBe(CardIoResult.Ok);
        var before = image.ToArray();
        counter.MeterOf(Counter.MeterA).InsertCard(image).Result.ShouldBe(MeterResult.Loaded);
        (await CardImageIo.WriteChangedAsync(reader, before, image, Some.Keys.Psc, CancellationToken.None)).ShouldBe(CardIoResult.Ok);
        return image;
    }

    private static async Task<VirtualCard> InsertAsync(IVirtualCardMedium card)
    {
        try
        {
            return await VirtualCard.InsertAsync(0, card, CancellationToken.None);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException("pcscd with vsmartcard-vpcd is not running on 127.0.0.1:35963; tools/test.sh starts it", e);
        }
    }

    private static async Task<PcscCardReader> ReaderWithCardAsync()
    {
        var reader = new PcscCardReader(VirtualCard.ReaderName(0));
        (await reader.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);
        return reader;
    }

    [Theory]
    [InlineData("sle4442")]
    [InlineData("cpu")]
    public async Task Sell_ThroughPcscd_WritesThePurchase_AndTheMetersReturnWriteMakesTheNextSalePossible(string media)
    {
        using var counter = new Counter();
        var medium = SwipedCardOn(counter, media);
        await using var card = await InsertAsync(medium);
        using var reader = await ReaderWithCardAsync();

        var sale = await counter.Office.Sales.SellAsync(counter.Admin, reader, Counter.Kwh(30));

        sale.Refusal.ShouldBeNull();
        reader.Media.ShouldBe(media);
        var sold = Counter.Layout.Decode(medium.Memory, Some.Keys).GetRecordOrThrow();
        sold.PurchaseCount.ShouldBe(PurchaseCount.From(2));
        (await counter.Office.Sales.SellAsync(counter.Admin, reader, Counter.Kwh(5))).Refusal!.Reason.ShouldBe(RefusalReason.CardNotSwiped);

        // The meter reads the card through the same stack and writes its return-write back.
        await SwipeThroughAsync(counter, reader);

        (await counter.Office.Sales.SellAsync(counter.Admin, reader, Counter.Kwh(5))).Refusal.ShouldBeNull();
    }

    [Theory]
    [InlineData("sle4442", 2, 1)]
    [InlineData("cpu", 1, 2)]
    public async Task SaleAndSwipe_ThroughPcscd_SendOnlyTheApdusTheyNeed(string media, int imageReads, int unlocking)
    {
        // Needed: read the image (an SLE4442 answers at most 255 bytes a read, a CPU card 256), unlock (a PSC; a
        // CPU card's challenge and answer), one write per changed run, one read-back of the span written.
        // Nothing else: no re-reads, no probing, no re-selects.
        using var counter = new Counter();
        var medium = new RecordingMedium(SwipedCardOn(counter, media));
        await using var card = await InsertAsync(medium);
        using var reader = await ReaderWithCardAsync();
        (await reader.ReadAsync(0, new byte[1], CancellationToken.None)).ShouldBe(CardIoResult.Ok); // connected and selected
        medium.Commands.Clear();
        int Needed(byte[] before, byte[] after) => imageReads + unlocking + CardImageIo.ChangedRuns(before, after).Count + 1;

        var beforeSale = medium.Memory.ToArray();
        var exchanges = card.Exchanges;
        (await counter.Office.Sales.SellAsync(counter.Admin, reader, Counter.Kwh(30))).Refusal.ShouldBeNull();
        (card.Exchanges - exchanges).ShouldBe(Needed(beforeSale, medium.Memory.ToArray()), $"sent {string.Join(' ', medium.Commands)}");

        var beforeSwipe = medium.Memory.ToArray();
        exchanges = card.Exchanges;
        medium.Commands.Clear();
        var image = await SwipeThroughAsync(counter, reader);
        (card.Exchanges - exchanges).ShouldBe(Needed(beforeSwipe, image), $"sent {string.Join(' ', medium.Commands)}");
    }

    [Theory]
    [InlineData("sle4442")]
    [InlineData("cpu")]
    public async Task Sell_CardPulledOutMidWriteThroughPcscd_IsRefused_AndRecoveryPutsTheCardBack(string media)
    {
        using var counter = new Counter();
        var medium = SwipedCardOn(counter, media);
        var before = medium.Memory.ToArray();
        var card = await InsertAsync(medium);
        PcscCardReader reader;
        try
        {
            reader = await ReaderWithCardAsync();
            card.PullOutDuringNextWrite();
            var sale = await counter.Office.Sales.SellAsync(counter.Admin, reader, Counter.Kwh(30));

            sale.Refusal!.Reason.ShouldBe(RefusalReason.CardWriteFailed);
            sale.Refusal.Message.ShouldContain("put the same card in the reader and run 'prepaid vend recover'");
            medium.Memory.ToArray().ShouldNotBe(before, "half the write landed");
            (await reader.WaitForRemovalAsync(CardTimeout, CancellationToken.None)).ShouldBeTrue();
        }
        finally
        {
            await card.DisposeAsync();
        }

        // The operator puts the card back and recovers: the old image goes back and nothing is recorded.
        await using var again = await InsertAsync(medium);
        using (reader)
        {
            (await reader.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);
            (await counter.Office.Recovery.RecoverAsync(counter.Admin, reader)).Value.Single().Settlement.ShouldContain("torn");
        }

        medium.Memory.ToArray().ShouldBe(before);
        counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value.Count.ShouldBe(1);
        counter.Office.Recovery.Pending().ShouldBeEmpty();
    }
}
