using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>
/// The counter's reader, with a hand that pulls the card out once a set number of bytes has been written to it — counted
/// over every write of the operation, so the tear can fall in any run, at any byte. InMemoryCardReader.TearNextWriteAfter
/// tears only the next single write (one run), so it cannot reach a byte in a later run by itself; this reader uses it for
/// the write the mark falls in. It counts what the operation wrote, which is how a sweep learns how many bytes there are.
/// </summary>
internal sealed class PullingReader(InMemoryCardReader inner) : ICardReader
{
    private int? _pullAfter;
    private MemoryCard? _pulled;

    public string Name => inner.Name;

    /// <summary>Bytes written since the last <see cref="Arm"/>.</summary>
    public int Written { get; private set; }

    /// <summary>Whether the card has been pulled since the last <see cref="Arm"/>.</summary>
    public bool Pulled => _pulled is not null;

    /// <summary>Starts counting afresh; the card is pulled after <paramref name="bytes"/> written bytes, or never when null.</summary>
    public void Arm(int? bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes ?? 0);
        _pullAfter = bytes;
        _pulled = null;
        Written = 0;
    }

    /// <summary>Puts a pulled card back in the reader, as the operator does before running recovery.</summary>
    public void PutBack()
    {
        if (_pulled is { } card)
        {
            inner.Insert(card);
        }
    }

    public ValueTask<CardPresence> WaitForCardAsync(TimeSpan timeout, CancellationToken cancellationToken) => inner.WaitForCardAsync(timeout, cancellationToken);

    public ValueTask<CardIoResult> ReadAsync(int offset, Memory<byte> destination, CancellationToken cancellationToken) => inner.ReadAsync(offset, destination, cancellationToken);

    public ValueTask<PscResult> PresentPscAsync(ReadOnlyMemory<byte> psc, CancellationToken cancellationToken) => inner.PresentPscAsync(psc, cancellationToken);

    public async ValueTask<CardIoResult> WriteAsync(int offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var card = inner.Card;
        if (_pullAfter is not { } limit || card is null)
        {
            var plain = await inner.WriteAsync(offset, data, cancellationToken);
            Written += plain.Success ? data.Length : 0;
            return plain;
        }

        var through = Math.Min(data.Length, limit - Written);
        if (through < data.Length)
        {
            // The mark falls inside this write: the card takes its first bytes and leaves the reader.
            inner.TearNextWriteAfter(through);
        }

        var result = await inner.WriteAsync(offset, data, cancellationToken);
        Written += through;
        if (Written == limit)
        {
            // Pulled right at the mark, even when the mark is the last byte: the read-back then finds no card.
            inner.Remove();
            _pulled = card;
        }

        return result;
    }
}
