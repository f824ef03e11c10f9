using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Lab.Targets;

/// <summary>The stack board's vpcd slot that holds no meter device, lent to the counter for a card write cut short there.</summary>
internal sealed class StackCounterSlot(StackBoard board) : ICounterSlot
{
    public async Task<ICounterCard> InsertAsync(MemoryCard card, CardFaults faults, CancellationToken cancellationToken)
    {
        // A meter device's slot would have the meter handle the card: only a slot without one will do.
        var slot = board.FreeSlot()
            ?? throw new StepNotPossibleException("both vpcd slots hold a meter: the counter has no reader of its own to cut a card write in");
        var inserted = await VirtualCard.InsertAsync(slot, card, faults, cancellationToken);
        var reader = new PcscCardReader(VirtualCard.ReaderName(slot));
        if (await reader.WaitForCardAsync(board.Options.Timeout, cancellationToken) != CardPresence.Present)
        {
            reader.Dispose();
            await inserted.DisposeAsync();
            throw new LabTargetException($"pcscd did not see the counter's card in '{reader.Name}' within {board.Options.Timeout.TotalSeconds:0} s");
        }

        return new CounterCard(inserted, reader, board.Options.Timeout);
    }

    private sealed class CounterCard(VirtualCard card, PcscCardReader reader, TimeSpan timeout) : ICounterCard
    {
        public ICardReader Reader => reader;

        public async ValueTask DisposeAsync()
        {
            await card.DisposeAsync();
            // Seen out by pcscd before the slot is used again (vpcd is polled).
            var gone = await reader.WaitForRemovalAsync(timeout, CancellationToken.None);
            reader.Dispose();
            if (!gone)
            {
                throw new LabTargetException($"pcscd still sees the counter's card in '{reader.Name}' {timeout.TotalSeconds:0} s after it left");
            }
        }
    }
}
