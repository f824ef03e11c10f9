using System.Net.Sockets;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>
/// SLE4428 and AT24C cards through the real PC/SC stack (pcscd + vpcd, slot 0; tools/test.sh starts pcscd):
/// <see cref="PcscCardReader"/> knows each from its ATR, or from the layout's medium where the ATR says only "I²C".
/// </summary>
public sealed class PcscMemoryMediaTests : IDisposable
{
    private static readonly byte[] Secret = [0x12, 0x34, 0x56];
    private static readonly TimeSpan CardTimeout = TimeSpan.FromSeconds(10);

    private readonly VpcdSlots _slots = VpcdSlots.Take();

    public void Dispose() => _slots.Dispose();

    private static async Task<VirtualCard> InsertAsync(MemoryCard card)
    {
        try
        {
            return await VirtualCard.InsertAsync(0, new MemoryCardOnAcsReader(card), CancellationToken.None);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException("pcscd with vsmartcard-vpcd is not running on 127.0.0.1:35963; tools/test.sh starts it", e);
        }
    }

    [Fact]
    public async Task Sle4428_KnownByItsAtr_WrittenPastByte255AfterTheFirstTwoBytesOfTheSecret()
    {
        var card = new MemoryCard(CardMedium.Sle4428, [], Secret.AsSpan(0, 2));
        await using (await InsertAsync(card))
        {
            using var reader = new PcscCardReader(VirtualCard.ReaderName(0));
            (await reader.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);

            (await reader.PresentPscAsync(Secret, CancellationToken.None)).ShouldBe(new PscResult(PscStatus.Accepted, 8));
            (await reader.WriteAsync(900, new byte[] { 0xAB, 0xCD }, CancellationToken.None)).ShouldBe(CardIoResult.Ok);
            var back = new byte[2];
            (await reader.ReadAsync(900, back, CancellationToken.None)).ShouldBe(CardIoResult.Ok);

            back.ShouldBe(new byte[] { 0xAB, 0xCD });
            reader.Media.ShouldBe("sle4428");
        }
    }

    [Fact]
    public async Task At24c02_KnownFromTheLayoutsMedium_WrittenWithoutACode()
    {
        var card = new MemoryCard(CardMedium.At24c02, []);
        await using (await InsertAsync(card))
        {
            using var reader = new PcscCardReader(VirtualCard.ReaderName(0)) { ExpectedMedium = CardMedium.At24c02 };
            (await reader.WaitForCardAsync(CardTimeout, CancellationToken.None)).ShouldBe(CardPresence.Present);
            var data = Enumerable.Range(0, 128).Select(i => (byte)i).ToArray();

            (await CardImageIo.WriteChangedAsync(reader, new byte[128].Select(_ => (byte)0xFF).ToArray(), data, Secret, CancellationToken.None)).ShouldBe(CardIoResult.Ok);

            reader.Media.ShouldBe("at24c02");
        }

        card.Memory[..128].ToArray().ShouldBe(Enumerable.Range(0, 128).Select(i => (byte)i).ToArray());
    }
}
