using System.Diagnostics;
using System.Net.Sockets;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>
/// The virtual card's faults through the real stack: the card behind vpcd in slot 0, PcscCardReader through pcscd — a
/// torn write, a chosen status word, another ATR, a slow card — and the in-process reader counting the same APDUs.
/// </summary>
public sealed class VirtualCardFaultTests : IDisposable
{
    private static readonly byte[] Psc = [0x12, 0x34, 0x56];
    private static readonly TimeSpan CardTimeout = TimeSpan.FromSeconds(10);

    private readonly VpcdSlots _slots = VpcdSlots.Take();

    public void Dispose() => _slots.Dispose();

    private static byte[] Image() => [.. Enumerable.Range(0, 256).Select(i => (byte)(i * 7 % 256))];

    private static IVirtualCardMedium Card(string media) => media switch
    {
        "sle4442" => new MemoryCardOnAcsReader(new MemoryCard(Image(), Psc)),
        _ => CpuCard.Personalise(Image(), Psc),
    };

    private static async Task<VirtualCard> InsertAsync(IVirtualCardMedium card, CardFaults faults)
    {
        try
        {
            return await VirtualCard.InsertAsync(0, card, faults, CancellationToken.None);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException("pcscd with vsmartcard-vpcd is not running on 127.0.0.1:35963; tools/test.sh starts it", e);
        }
    }

    private static async Task<PcscCardReader> ReaderWithCardAsync()
    {
        var reader = new PcscCardReader(VirtualCard.ReaderName(0));
        (await reader.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present, "pcscd sees the virtual card in slot 0");
        return reader;
    }

    [Theory]
    [InlineData("sle4442")]
    [InlineData("cpu")]
    public async Task Serve_TearWriteAfter6_TheReaderReportsATornWrite_AndTheCardHoldsSixNewBytes(string media)
    {
        await using var card = await InsertAsync(Card(media), CardFaults.None.TearingWritesAfter(6));
        using var reader = await ReaderWithCardAsync();
        (await reader.PresentPscAsync(Psc, CancellationToken.None)).Status.ShouldBe(PscStatus.Accepted);

        var written = await reader.WriteAsync(100, Enumerable.Repeat((byte)0xAB, 16).ToArray(), CancellationToken.None);

        written.Status.ShouldBe(CardIoStatus.TornWrite, $"{written}");
        card.HasLeft.ShouldBeTrue();
        card.Medium.Memory[100..106].ToArray().ShouldAllBe(b => b == 0xAB);
        card.Medium.Memory[106..116].ToArray().ShouldBe(Image()[106..116]);
        (await reader.ReadAsync(0, new byte[16], CancellationToken.None)).Success.ShouldBeFalse("the card is out of the reader");
        (await reader.WaitForRemovalAsync(CardTimeout, CancellationToken.None)).ShouldBeTrue("pcscd sees the reader empty");
    }

    [Fact]
    public async Task Serve_Answer6F00ToTheWrite_TheReaderFailsWithTheStatusWord_AndNothingIsWritten()
    {
        // APDU 1 selects the card type when the reader connects, 2 presents the PSC, 3 is the write.
        await using var card = await InsertAsync(Card("sle4442"), CardFaults.None.Answering(ApduAnswer.To(3, 0x6F00)));
        using var reader = await ReaderWithCardAsync();
        (await reader.PresentPscAsync(Psc, CancellationToken.None)).Status.ShouldBe(PscStatus.Accepted);

        var written = await reader.WriteAsync(100, new byte[] { 1, 2, 3 }, CancellationToken.None);

        written.Success.ShouldBeFalse();
        written.Detail.ShouldNotBeNull().ShouldContain("6F00");
        card.Medium.Memory[100..103].ToArray().ShouldBe(Image()[100..103]);
        (await reader.WriteAsync(100, new byte[] { 1, 2, 3 }, CancellationToken.None)).ShouldBe(CardIoResult.Ok, "only APDU 3 was answered 6F00");
    }

    [Fact]
    public async Task Serve_AnotherAtr_IsTheAtrPcscdReports()
    {
        byte[] atr = [0x3B, 0x02, 0x14, 0x50];
        await using var card = await InsertAsync(Card("sle4442"), CardFaults.None.WithAtr(atr));
        using (var reader = new PcscCardReader(VirtualCard.ReaderName(0)))
        {
            (await reader.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);
        }

        using var context = PcscContext.Establish();
        using var connection = context.Connect(VirtualCard.ReaderName(0));

        connection.Atr().ShouldBe(atr);
    }

    [Fact]
    public async Task Serve_Delay200_EveryAnswerComesAtLeast200MsLate()
    {
        await using var card = await InsertAsync(Card("sle4442"), CardFaults.None.Delaying(TimeSpan.FromMilliseconds(200)));
        using var reader = await ReaderWithCardAsync();

        var clock = Stopwatch.StartNew();
        (await reader.ReadAsync(0, new byte[16], CancellationToken.None)).ShouldBe(CardIoResult.Ok, "the first read");
        (await reader.ReadAsync(16, new byte[16], CancellationToken.None)).ShouldBe(CardIoResult.Ok, "the second read");

        // Two answers 200 ms late each; timers may fire a few milliseconds early against the stopwatch (seen: 395 ms),
        // so the bound allows 10 ms of slack an answer. Undelayed, the two reads take some 10 ms.
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(380), "two APDUs, each answered 200 ms late");
    }

    [Fact]
    public async Task MediumCardReader_ASaleLikeExchange_SendsAsManyApdusAsPcscCardReaderThroughPcscd()
    {
        async Task ExchangeAsync(ICardReader reader)
        {
            (await reader.ReadAsync(0, new byte[256], CancellationToken.None)).ShouldBe(CardIoResult.Ok);
            (await CardImageIo.WriteChangedAsync(reader, Image(), (byte[])[.. Image()[..100], 1, 2, 3, .. Image()[103..]], Psc, CancellationToken.None)).ShouldBe(CardIoResult.Ok);
        }

        int throughPcscd;
        await using (var card = await InsertAsync(Card("sle4442"), CardFaults.None))
        {
            using var reader = await ReaderWithCardAsync();
            await ExchangeAsync(reader);
            throughPcscd = card.Exchanges;
        }

        var inProcess = new MediumCardReader(Card("sle4442"), CardFaults.None);
        await ExchangeAsync(inProcess);

        inProcess.Insertion.Apdus.ShouldBe(throughPcscd);
    }
}
