using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Lab.Scenarios;

namespace PrepaidMeter.Lab.Running;

/// <summary>
/// The counter's reader with the customer's hand — or the mains switch — on it: armed with a <see cref="CounterInterruption"/>,
/// it counts the bytes the back office writes over every write of the operation and stops the write at the mark. The tear
/// itself is the reader's own (<see cref="InMemoryCardReader.TearNextWriteAfter"/>), used for the one write the mark falls
/// in, as the back office's crash tests do. A pulled card leaves the reader and the back office answers; a power cut
/// stops the back office where it stands (<see cref="CounterPowerCutException"/>) and leaves the card in the reader.
/// </summary>
internal sealed class CounterHand(InMemoryCardReader reader) : ICardReader
{
    private CounterInterruption? _armed;

    public string Name => reader.Name;

    /// <summary>Bytes written since the last <see cref="Arm"/>.</summary>
    public int Written { get; private set; }

    /// <summary>Whether the armed interruption has happened since the last <see cref="Arm"/>.</summary>
    public bool Struck { get; private set; }

    public MemoryCard? Card => reader.Card;

    /// <summary>Starts counting afresh; the next operation is cut short as <paramref name="interruption"/> says, or not at all when null.</summary>
    public void Arm(CounterInterruption? interruption)
    {
        _armed = interruption;
        Written = 0;
        Struck = false;
    }

    public void Insert(MemoryCard card) => reader.Insert(card);

    public MemoryCard? Remove() => reader.Remove();

    public ValueTask<CardPresence> WaitForCardAsync(TimeSpan timeout, CancellationToken cancellationToken) => reader.WaitForCardAsync(timeout, cancellationToken);

    public ValueTask<CardIoResult> ReadAsync(int offset, Memory<byte> destination, CancellationToken cancellationToken) => reader.ReadAsync(offset, destination, cancellationToken);

    public ValueTask<PscResult> PresentPscAsync(ReadOnlyMemory<byte> psc, CancellationToken cancellationToken) => reader.PresentPscAsync(psc, cancellationToken);

    public async ValueTask<CardIoResult> WriteAsync(int offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var card = reader.Card;
        if (_armed is not { } armed || Struck || card is null)
        {
            var plain = await reader.WriteAsync(offset, data, cancellationToken);
            Written += plain.Success ? data.Length : 0;
            return plain;
        }

        var through = Math.Min(data.Length, armed.AfterBytes - Written);
        if (through < data.Length)
        {
            // The mark falls inside this write: the card takes its first bytes, and the reader lets it go.
            reader.TearNextWriteAfter(through);
        }

        var result = await reader.WriteAsync(offset, data, cancellationToken);
        Written += through;
        if (Written < armed.AfterBytes)
        {
            return result;
        }

        // At the mark, even when it is the write's last byte: a pulled card is gone before the read-back.
        Struck = true;
        reader.Remove();
        if (armed.Kind == CounterInterruptionKind.PowerCut)
        {
            // The card never moved: it stays in the reader, torn as the write left it, while the back office dies.
            reader.Insert(card);
            throw new CounterPowerCutException(armed.AfterBytes);
        }

        return result;
    }
}
