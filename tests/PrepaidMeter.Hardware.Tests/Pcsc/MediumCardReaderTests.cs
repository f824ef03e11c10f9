using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>
/// The in-process reader with a virtual card's medium in it: the APDUs PcscCardReader sends, through a fault plan, and
/// the reader's results for what the faults do (the lab's virtual target plays a swipe's card fault with it).
/// </summary>
public sealed class MediumCardReaderTests
{
    private static readonly byte[] Psc = [0x12, 0x34, 0x56];

    private static byte[] Image() => [.. Enumerable.Range(0, 256).Select(i => (byte)(i * 7 % 256))];

    private static IVirtualCardMedium Card(string media) => media switch
    {
        "sle4442" => new MemoryCardOnAcsReader(new MemoryCard(Image(), Psc)),
        _ => CpuCard.Personalise(Image(), Psc),
    };

    [Theory]
    [InlineData("sle4442")]
    [InlineData("cpu")]
    public async Task Write_WithoutFaults_ReadsBackAsWritten(string media)
    {
        var card = Card(media);
        var reader = new MediumCardReader(card, CardFaults.None);

        (await reader.PresentPscAsync(Psc, CancellationToken.None)).Status.ShouldBe(PscStatus.Accepted);
        (await reader.WriteAsync(100, new byte[] { 1, 2, 3 }, CancellationToken.None)).ShouldBe(CardIoResult.Ok);
        var back = new byte[3];
        (await reader.ReadAsync(100, back, CancellationToken.None)).ShouldBe(CardIoResult.Ok);

        back.ShouldBe([1, 2, 3]);
        reader.Insertion.Apdus.ShouldBeGreaterThan(3);
    }

    [Theory]
    [InlineData("sle4442")]
    [InlineData("cpu")]
    public async Task Write_TearWritesAfter6_IsATornWrite_AndTheCardHoldsExactlySixNewBytes(string media)
    {
        var card = Card(media);
        var reader = new MediumCardReader(card, CardFaults.None.TearingWritesAfter(6));
        (await reader.PresentPscAsync(Psc, CancellationToken.None)).Status.ShouldBe(PscStatus.Accepted);

        var written = await reader.WriteAsync(100, Enumerable.Repeat((byte)0xAB, 16).ToArray(), CancellationToken.None);

        written.Status.ShouldBe(CardIoStatus.TornWrite, $"{written}");
        card.Memory[100..106].ToArray().ShouldAllBe(b => b == 0xAB);
        card.Memory[106..116].ToArray().ShouldBe(Image()[106..116]);
        (await reader.ReadAsync(0, new byte[8], CancellationToken.None)).Status.ShouldBe(CardIoStatus.NoCard);
        (await reader.WaitForCardAsync(TimeSpan.Zero, CancellationToken.None)).ShouldBe(CardPresence.Absent);
    }

    [Fact]
    public async Task Read_Answer6F00ToTheRead_FailsNamingTheStatusWord()
    {
        // APDU 1 selects the card type; 2 is the read.
        var reader = new MediumCardReader(Card("sle4442"), CardFaults.None.Answering(ApduAnswer.To(2, 0x6F00)));

        var read = await reader.ReadAsync(0, new byte[16], CancellationToken.None);

        read.Success.ShouldBeFalse();
        read.Detail.ShouldNotBeNull().ShouldContain("6F00");
    }

    [Fact]
    public async Task Read_LeaveAt2_IsNoCard()
    {
        var reader = new MediumCardReader(Card("sle4442"), CardFaults.None.LeavingAt(2));

        var read = await reader.ReadAsync(0, new byte[16], CancellationToken.None);

        read.Status.ShouldBe(CardIoStatus.NoCard, $"{read}");
        reader.Insertion.HasLeft.ShouldBeTrue();
    }

    [Fact]
    public async Task PresentPsc_CardWithNoTriesLeft_IsLocked()
    {
        var card = new MemoryCard(Image(), Psc);
        CardFaults.None.WithTriesLeft(0).ApplyTries(card);
        var reader = new MediumCardReader(new MemoryCardOnAcsReader(card), CardFaults.None);

        (await reader.PresentPscAsync(Psc, CancellationToken.None)).Status.ShouldBe(PscStatus.Locked);
        (await reader.WriteAsync(100, new byte[] { 1 }, CancellationToken.None)).Status.ShouldBe(CardIoStatus.Locked);
    }
}
