using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Lab.Running;

/// <summary>
/// The counter's reader with the customer's hand — or the mains switch — on it: armed with a <see cref="CounterInterruption"/>,
/// it counts the bytes the back office writes over every write of the operation and stops the write at the mark. Where the
/// target lends a slot (<see cref="ILabTarget.CounterSlot"/>, `stack`) the armed operation's card sits there behind pcscd and
/// the virtual card tears the write itself (its tear-write-after fault, counted the same way); elsewhere the tear is the
/// in-memory reader's own (<see cref="InMemoryCardReader.TearNextWriteAfter"/>), as the back office's crash tests do. A
/// pulled card leaves the reader and the back office answers; a power cut stops the back office where it stands
/// (<see cref="CounterPowerCutException"/>) and leaves the card in the reader.
/// </summary>
internal sealed class CounterHand(InMemoryCardReader reader, ICounterSlot? slot) : ICardReader
{
    private CounterInterruption? _armed;
    private (ICounterCard Lent, MemoryCard Card)? _inSlot;

    public string Name => reader.Name;

    /// <summary>Bytes written since the last <see cref="Arm"/>.</summary>
    public int Written { get; private set; }

    /// <summary>Whether the armed interruption has happened since the last <see cref="Arm"/>.</summary>
    public bool Struck { get; private set; }

    public MemoryCard? Card => _inSlot?.Card ?? reader.Card;

    /// <summary>Starts counting afresh; the next operation is cut short as <paramref name="interruption"/> says.</summary>
    public void Arm(CounterInterruption interruption)
    {
        _armed = interruption;
        Written = 0;
        Struck = false;
    }

    /// <summary>Ends the armed operation: a card still in the lent slot comes back to the counter's reader.</summary>
    public async Task DisarmAsync()
    {
        _armed = null;
        if (await TakeOutOfSlotAsync() is { } card)
        {
            reader.Insert(card);
        }
    }

    public void Insert(MemoryCard card)
    {
        SlotEmpty();
        reader.Insert(card);
    }

    public MemoryCard? Remove()
    {
        SlotEmpty();
        return reader.Remove();
    }

    public async ValueTask<CardPresence> WaitForCardAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await (await ActiveAsync(cancellationToken)).WaitForCardAsync(timeout, cancellationToken);

    public async ValueTask<CardIoResult> ReadAsync(int offset, Memory<byte> destination, CancellationToken cancellationToken) =>
        await (await ActiveAsync(cancellationToken)).ReadAsync(offset, destination, cancellationToken);

    public async ValueTask<PscResult> PresentPscAsync(ReadOnlyMemory<byte> psc, CancellationToken cancellationToken) =>
        await (await ActiveAsync(cancellationToken)).PresentPscAsync(psc, cancellationToken);

    public async ValueTask<CardIoResult> WriteAsync(int offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var active = await ActiveAsync(cancellationToken);
        var card = Card;
        if (_armed is not { } armed || Struck || card is null)
        {
            var plain = await active.WriteAsync(offset, data, cancellationToken);
            Written += plain.Success ? data.Length : 0;
            return plain;
        }

        var through = Math.Min(data.Length, armed.AfterBytes - Written);
        if (through < data.Length && _inSlot is null)
        {
            // The mark falls inside this write: the card takes its first bytes, and the reader lets it go.
            reader.TearNextWriteAfter(through);
        }

        var result = await active.WriteAsync(offset, data, cancellationToken);
        Written += through;
        if (Written < armed.AfterBytes)
        {
            return result;
        }

        // At the mark, even when it is the write's last byte: a pulled card is gone before the read-back. In the lent slot
        // the virtual card has already left the reader at the mark.
        Struck = true;
        if (await TakeOutOfSlotAsync() is null)
        {
            reader.Remove();
        }

        if (armed.Kind == CounterInterruptionKind.PowerCut)
        {
            // The card never moved: it stays in the reader, torn as the write left it, while the back office dies.
            reader.Insert(card);
            throw new CounterPowerCutException(armed.AfterBytes);
        }

        return result;
    }

    // The reader the operation goes through: the armed operation's card moves into the lent slot at its first use, with
    // the virtual card set to leave at the mark (bytes counted over the writes since it went in, as Written counts them).
    private async ValueTask<ICardReader> ActiveAsync(CancellationToken cancellationToken)
    {
        if (_inSlot is { } inSlot)
        {
            return inSlot.Lent.Reader;
        }

        if (_armed is { } armed && !Struck && slot is not null && reader.Card is { } card)
        {
            var lent = await slot.InsertAsync(card, CardFaults.None.TearingWritesAfter(armed.AfterBytes - Written), cancellationToken);
            reader.Remove();
            _inSlot = (lent, card);
            return lent.Reader;
        }

        return reader;
    }

    private async Task<MemoryCard?> TakeOutOfSlotAsync()
    {
        if (_inSlot is not { } inSlot)
        {
            return null;
        }

        _inSlot = null;
        await inSlot.Lent.DisposeAsync();
        return inSlot.Card;
    }

    private void SlotEmpty()
    {
        if (_inSlot is not null)
        {
            throw new InvalidOperationException("The counter's card is in the lent slot: the armed operation has not ended.");
        }
    }
}
