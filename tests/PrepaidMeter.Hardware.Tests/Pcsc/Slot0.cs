using System.Net.Sockets;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Hardware.Tests.Pcsc;

/// <summary>vpcd's slot 0, reader "Virtual PCD 00 00", for tests that hold the slots (<see cref="VpcdSlots.Take"/>).</summary>
internal static class Slot0
{
    public static string Reader => VirtualCard.ReaderName(0);

    /// <summary>Puts <paramref name="card"/> in slot 0 and waits until pcscd sees it: a client may connect as soon as this returns.</summary>
    public static async Task<VirtualCard> InsertAsync(MemoryCard card)
    {
        VirtualCard inserted;
        try
        {
            inserted = await VirtualCard.InsertAsync(0, card, CancellationToken.None);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException("pcscd with vsmartcard-vpcd is not running on 127.0.0.1:35963; tools/test.sh starts it", e);
        }

        using var reader = new PcscCardReader(Reader);
        (await reader.WaitForCardAsync(TimeSpan.FromSeconds(10), CancellationToken.None)).ShouldBe(CardPresence.Present);
        return inserted;
    }
}
