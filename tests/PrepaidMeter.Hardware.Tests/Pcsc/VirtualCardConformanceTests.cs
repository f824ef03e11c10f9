using System.Net.Sockets;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>
/// What an independent client (pcsc-tools' scriptor) meets when it talks to the virtual card through pcscd and vpcd
/// (slot 0; tools/test.sh starts pcscd): an answer to every APDU, a malformed one included, and a reader that goes on
/// answering after it.
/// </summary>
public sealed class VirtualCardConformanceTests : IDisposable
{
    private readonly VpcdSlots _slots = VpcdSlots.Take();

    public void Dispose() => _slots.Dispose();

    [Fact]
    public async Task Transmit_OneByteApdu_Answers6700_AndTheReaderGoesOnAnswering()
    {
        var card = new MemoryCard(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), [0x12, 0x34, 0x56]);
        VirtualCard inserted;
        try
        {
            inserted = await VirtualCard.InsertAsync(0, card, CancellationToken.None);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException("pcscd with vsmartcard-vpcd is not running on 127.0.0.1:35963; tools/test.sh starts it", e);
        }

        await using (inserted)
        {
            using (var reader = new PcscCardReader(VirtualCard.ReaderName(0)))
            {
                (await reader.WaitForCardAsync(TimeSpan.FromSeconds(10), CancellationToken.None)).ShouldBe(CardPresence.Present);
            }

            using var context = PcscContext.Establish();
            using var connection = context.Connect(VirtualCard.ReaderName(0));

            connection.Transmit([0xFF]).ShouldBe(new byte[] { 0x67, 0x00 });

            connection.Transmit(Sle4442Apdus.SelectCardType()).ShouldBe(Sle4442Apdus.Ok);
            connection.Transmit(Sle4442Apdus.Read(40, 2)).ShouldBe(new byte[] { 40, 41, 0x90, 0x00 });
        }
    }
}
