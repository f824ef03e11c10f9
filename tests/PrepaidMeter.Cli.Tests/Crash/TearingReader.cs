using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Cli.Tests.Crash;

/// <summary>How many bytes of card writes may still reach the cards of one run, shared by every reader the run opens.</summary>
internal sealed class WriteBudget(int bytes)
{
    public int Left { get; set; } = bytes;

    public int Written { get; set; }
}

/// <summary>
/// A reader that lets its <see cref="WriteBudget"/> of card writes through and then calls <paramref name="die"/>: the write
/// that crosses the mark reaches the card only up to it, as when the power goes or the card is pulled mid-write.
/// </summary>
internal sealed class TearingReader(ICardReader inner, WriteBudget budget, Action die) : ICardReader
{
    public string Name => inner.Name;

    public ValueTask<CardPresence> WaitForCardAsync(TimeSpan timeout, CancellationToken cancellationToken) => inner.WaitForCardAsync(timeout, cancellationToken);

    public ValueTask<CardIoResult> ReadAsync(int offset, Memory<byte> destination, CancellationToken cancellationToken) => inner.ReadAsync(offset, destination, cancellationToken);

    public ValueTask<PscResult> PresentPscAsync(ReadOnlyMemory<byte> psc, CancellationToken cancellationToken) => inner.PresentPscAsync(psc, cancellationToken);

    public async ValueTask<CardIoResult> WriteAsync(int offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var through = Math.Min(data.Length, budget.Left);
        var result = through > 0 ? await inner.WriteAsync(offset, data[..through], cancellationToken) : CardIoResult.Ok;
        budget.Left -= through;
        budget.Written += through;
        if (through < data.Length)
        {
            die();
            throw new InvalidOperationException("unreachable: the process was killed");
        }

        return result;
    }
}
