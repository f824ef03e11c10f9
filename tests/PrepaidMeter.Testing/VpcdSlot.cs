using Shouldly;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Testing;

/// <summary>
/// A card put into a vpcd slot the way a test needs it: once pcscd has seen the slot empty (a card put in before pcscd noticed
/// the last one go would pass for it), and only handed back once pcscd sees it. The waits read the reader's state alone: a
/// reader that connected to look would send the card APDUs of its own, and a card's trace would hold them.
/// </summary>
public static class VpcdSlot
{
    public static Task<VirtualCard> InsertAsync(int slot, IVirtualCardMedium medium) =>
        InsertAsync(slot, () => VirtualCard.InsertAsync(slot, medium, CancellationToken.None));

    /// <summary>A card file's card, in the medium its own header says (<see cref="VirtualCard.InsertAsync(int, PrepaidMeter.Cards.Readers.MemoryCard, CancellationToken)"/>).</summary>
    public static Task<VirtualCard> InsertAsync(int slot, PrepaidMeter.Cards.Readers.MemoryCard card) =>
        InsertAsync(slot, () => VirtualCard.InsertAsync(slot, card, CancellationToken.None));

    /// <summary>The card a card file holds, to insert into a slot and save back once the test takes it out.</summary>
    public static PrepaidMeter.Cards.Readers.MemoryCard Load(string cardFile)
    {
        PrepaidMeter.Cards.Readers.FolderCardReader.TryLoad(cardFile, out var card).ShouldBeNull();
        return card!;
    }

    private static async Task<VirtualCard> InsertAsync(int slot, Func<Task<VirtualCard>> insert)
    {
        await Task.Run(() => WaitUntil(slot, present: false));
        var card = await insert();
        await Task.Run(() => WaitUntil(slot, present: true));
        return card;
    }

    /// <summary>Waits (at most 10 s, then throws) for pcscd to see <paramref name="slot"/> with a card or without one.</summary>
    public static void WaitUntil(int slot, bool present)
    {
        const uint Present = 0x0020, Mute = 0x0200; // SCARD_STATE_PRESENT, SCARD_STATE_MUTE
        var reader = VirtualCard.ReaderName(slot);
        using var context = PcscContext.Establish();
        var deadline = Environment.TickCount64 + 10_000;
        uint known = 0;
        while (true)
        {
            var state = context.WaitForChange(reader, known, TimeSpan.FromMilliseconds(250));
            if (((state & Present) != 0 && (state & Mute) == 0) == present)
            {
                return;
            }

            if (Environment.TickCount64 >= deadline)
            {
                throw new TimeoutException($"pcscd did not see slot {slot} {(present ? "take the card" : "empty")} within 10 s");
            }

            known = state;
        }
    }
}
