using System.Net.Sockets;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>
/// A card image through the real PC/SC stack: the project's virtual card behind pcscd's vpcd driver in
/// slot 0, read and written by <see cref="PcscCardReader"/> through libpcsclite, on both media (the reader
/// tells them apart by their ATR). tools/test.sh starts pcscd.
/// </summary>
public sealed class PcscCardReaderTests : IDisposable
{
    private readonly VpcdSlots _slots = VpcdSlots.Take();

    private static readonly byte[] Psc = [0x12, 0x34, 0x56];
    private static readonly TimeSpan CardTimeout = TimeSpan.FromSeconds(10);

    public void Dispose() => _slots.Dispose();

    private static byte[] Image() => [.. Enumerable.Range(0, 256).Select(i => (byte)(i * 7 % 256))];

    /// <summary>The card of the tests on <paramref name="media"/>: <see cref="Image"/>, writes unlocked by <see cref="Psc"/>.</summary>
    private static IVirtualCardMedium Card(string media) => media switch
    {
        "sle4442" => new MemoryCardOnAcsReader(new MemoryCard(Image(), Psc)),
        "cpu" => CpuCard.Personalise(Image(), Psc),
        _ => throw new ArgumentOutOfRangeException(nameof(media)),
    };

    private static Task<VirtualCard> InsertAsync(MemoryCard card) => InsertAsync(new MemoryCardOnAcsReader(card));

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

    [Theory]
    [InlineData("sle4442")]
    [InlineData("cpu")]
    public async Task Read_TheWholeImage_ThroughPcscd_IsTheVirtualCardsImage(string media)
    {
        await using var card = await InsertAsync(Card(media));
        using var reader = new PcscCardReader(VirtualCard.ReaderName(0));
        (await reader.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);

        var image = new byte[256];
        (await reader.ReadAsync(0, image, CancellationToken.None)).ShouldBe(CardIoResult.Ok);

        image.ShouldBe(Image());
        reader.Media.ShouldBe(media);
    }

    [Theory]
    [InlineData("sle4442")]
    [InlineData("cpu")]
    public async Task Write_AfterTheRightSecret_ReadsBack_AndTheCardHoldsIt(string media)
    {
        await using var card = await InsertAsync(Card(media));
        using var reader = new PcscCardReader(VirtualCard.ReaderName(0));
        (await reader.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);

        (await reader.PresentPscAsync(Psc, CancellationToken.None)).ShouldBe(new PscResult(PscStatus.Accepted, 3));
        byte[] data = [.. Enumerable.Range(0, 200).Select(i => (byte)(255 - i))];
        (await reader.WriteAsync(40, data, CancellationToken.None)).ShouldBe(CardIoResult.Ok);
        var back = new byte[200];
        (await reader.ReadAsync(40, back, CancellationToken.None)).ShouldBe(CardIoResult.Ok);

        back.ShouldBe(data);
        card.Medium.Memory[40..240].ToArray().ShouldBe(data);
    }

    [Theory]
    [InlineData("sle4442")]
    [InlineData("cpu")]
    public async Task Write_IntoTheFirst32Bytes_IsWriteProtected_EvenAfterTheRightSecret(string media)
    {
        await using var card = await InsertAsync(Card(media));
        using var reader = new PcscCardReader(VirtualCard.ReaderName(0));
        (await reader.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);
        (await reader.PresentPscAsync(Psc, CancellationToken.None)).Status.ShouldBe(PscStatus.Accepted);

        (await reader.WriteAsync(8, new byte[] { 0xEE }, CancellationToken.None)).Status.ShouldBe(CardIoStatus.WriteProtected);

        card.Medium.Memory[8].ShouldBe(Image()[8]);
    }

    [Theory]
    [InlineData("sle4442")]
    [InlineData("cpu")]
    public async Task ThreeWrongSecrets_LockTheCard_AndWritesAreRefused(string media)
    {
        await using var card = await InsertAsync(Card(media));
        using var reader = new PcscCardReader(VirtualCard.ReaderName(0));
        (await reader.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);
        byte[] wrong = [9, 9, 9];

        (await reader.PresentPscAsync(wrong, CancellationToken.None)).ShouldBe(new PscResult(PscStatus.Wrong, 2));
        (await reader.PresentPscAsync(wrong, CancellationToken.None)).ShouldBe(new PscResult(PscStatus.Wrong, 1));
        (await reader.PresentPscAsync(wrong, CancellationToken.None)).ShouldBe(new PscResult(PscStatus.Locked, 0));
        (await reader.PresentPscAsync(Psc, CancellationToken.None)).Status.ShouldBe(PscStatus.Locked);

        (await reader.WriteAsync(64, new byte[] { 1 }, CancellationToken.None)).Status.ShouldBe(CardIoStatus.Locked);
        card.Medium.Memory[64].ShouldBe(Image()[64]);
    }

    [Theory]
    [InlineData("sle4442")]
    [InlineData("cpu")]
    public async Task CardPulledOutMidWrite_IsATornWrite_AndHalfTheBytesLanded(string media)
    {
        await using var card = await InsertAsync(Card(media));
        using var reader = new PcscCardReader(VirtualCard.ReaderName(0));
        (await reader.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);
        (await reader.PresentPscAsync(Psc, CancellationToken.None)).Status.ShouldBe(PscStatus.Accepted);
        byte[] data = [.. Enumerable.Repeat((byte)0xAB, 100)];

        card.PullOutDuringNextWrite();
        var written = await reader.WriteAsync(100, data, CancellationToken.None);

        written.Status.ShouldBe(CardIoStatus.TornWrite, $"{written}");
        card.Medium.Memory[100..150].ToArray().ShouldAllBe(b => b == 0xAB);
        card.Medium.Memory[150..200].ToArray().ShouldBe(Image()[150..200]);
        (await reader.ReadAsync(0, new byte[16], CancellationToken.None)).Success.ShouldBeFalse("the card is out of the reader");
    }

    [Fact]
    public async Task CardPulledOut_TheReaderSaysNoCard()
    {
        using var reader = new PcscCardReader(VirtualCard.ReaderName(0));
        await using (var card = await InsertAsync(new MemoryCard(Image(), Psc)))
        {
            (await reader.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);
        }

        // pcscd notices within its polling interval; until then an exchange fails as a removal.
        CardIoResult read;
        var attempts = 0;
        do
        {
            read = await reader.ReadAsync(0, new byte[16], CancellationToken.None);
            attempts++;
            await Task.Delay(100);
        }
        while (read.Success && attempts < 50);

        read.Status.ShouldBe(CardIoStatus.NoCard, read.ToString());
    }

    [Fact]
    public async Task Read_ReaderThatIsNotThere_NamesTheReadersPresent()
    {
        using var reader = new PcscCardReader("No Such Reader 00 00");

        var read = await reader.ReadAsync(0, new byte[16], CancellationToken.None);

        read.Status.ShouldBe(CardIoStatus.ReaderFault);
        read.Detail.ShouldNotBeNull().ShouldContain("no reader named 'No Such Reader 00 00'");
        read.Detail.ShouldContain("Virtual PCD 00 00");
    }

    [Fact]
    public async Task WaitForCard_ReturnsWhenACardIsPutIn_AndWaitForRemoval_WhenItIsPulledOut()
    {
        using var reader = new PcscCardReader(VirtualCard.ReaderName(0));
        (await reader.WaitForCardAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None)).ShouldBe(CardPresence.Absent);

        var waiting = reader.WaitForCardAsync(CardTimeout, CancellationToken.None).AsTask();
        await using (var card = await InsertAsync(new MemoryCard(Image(), Psc)))
        {
            (await waiting).ShouldBe(CardPresence.Present);
            (await reader.WaitForRemovalAsync(TimeSpan.FromMilliseconds(300), CancellationToken.None)).ShouldBeFalse();
        }

        (await reader.WaitForRemovalAsync(CardTimeout, CancellationToken.None)).ShouldBeTrue();
    }

    [Fact]
    public async Task MoveTo_TheOtherSlot_LeavesReader0_AndReader1HasTheSameCard()
    {
        var moved = new MemoryCard(Image(), Psc);
        using var counter = new PcscCardReader(VirtualCard.ReaderName(0));
        using var meter = new PcscCardReader(VirtualCard.ReaderName(1));
        var inSlot0 = await InsertAsync(moved);
        VirtualCard inSlot1;
        try
        {
            (await counter.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);
            (await counter.PresentPscAsync(Psc, CancellationToken.None)).Status.ShouldBe(PscStatus.Accepted);
            (await counter.WriteAsync(100, new byte[] { 0xAB }, CancellationToken.None)).ShouldBe(CardIoResult.Ok);
        }
        finally
        {
            inSlot1 = await inSlot0.MoveToAsync(1, CancellationToken.None);
        }

        await using var _ = inSlot1;
        (await counter.WaitForRemovalAsync(CardTimeout, CancellationToken.None)).ShouldBeTrue();
        (await meter.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);
        var seen = new byte[1];
        (await meter.ReadAsync(100, seen, CancellationToken.None)).ShouldBe(CardIoResult.Ok);
        seen[0].ShouldBe((byte)0xAB);
    }
}
