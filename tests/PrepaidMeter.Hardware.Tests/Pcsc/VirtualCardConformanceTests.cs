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
        await using (await Slot0.InsertAsync(card))
        {
            using var context = PcscContext.Establish();
            using var connection = context.Connect(Slot0.Reader);

            connection.Transmit([0xFF]).ShouldBe(new byte[] { 0x67, 0x00 });

            connection.Transmit(Sle4442Apdus.SelectCardType()).ShouldBe(Sle4442Apdus.Ok);
            connection.Transmit(Sle4442Apdus.Read(40, 2)).ShouldBe(new byte[] { 40, 41, 0x90, 0x00 });
        }
    }
}
