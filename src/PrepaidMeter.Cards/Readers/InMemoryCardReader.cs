namespace PrepaidMeter.Cards.Readers;

/// <summary>
/// A reader whose card is a <see cref="MemoryCard"/> of any medium in memory: the embedded default and the unit
/// tests' fake. It can be told to tear the next write, as a customer pulling the card out would.
/// Every exchange is recorded, so tests can count round trips.
/// </summary>
public sealed class InMemoryCardReader : ICardReader
{
    private readonly Lock _gate = new();
    private MemoryCard? _card;
    private TaskCompletionSource _inserted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int? _tearAfter;

    public InMemoryCardReader(string name = "memory") => Name = name;

    public string Name { get; }

    public MemoryCard? Card
    {
        get
        {
            lock (_gate)
            {
                return _card;
            }
        }
    }

    /// <summary>Reads, writes and PSC presentations so far.</summary>
    public int Exchanges { get; private set; }

    public void Insert(MemoryCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        lock (_gate)
        {
            _card = card;
            _inserted.TrySetResult();
        }
    }

    /// <summary>Takes the card out; returns it so it can be inserted elsewhere.</summary>
    public MemoryCard? Remove()
    {
        lock (_gate)
        {
            var card = _card;
            card?.EndSession();
            _card = null;
            if (_inserted.Task.IsCompleted)
            {
                _inserted = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return card;
        }
    }

    /// <summary>The next write stops after <paramref name="bytes"/> bytes and the card leaves the reader.</summary>
    public void TearNextWriteAfter(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        _tearAfter = bytes;
    }

    public async ValueTask<CardPresence> WaitForCardAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task inserted;
        lock (_gate)
        {
            inserted = _inserted.Task;
        }

        try
        {
            await inserted.WaitAsync(timeout, cancellationToken);
            return CardPresence.Present;
        }
        catch (TimeoutException)
        {
            return CardPresence.Absent;
        }
    }

    public ValueTask<CardIoResult> ReadAsync(int offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Exchanges++;
            return ValueTask.FromResult(_card?.Read(offset, destination.Span) ?? NoCard());
        }
    }

    public ValueTask<CardIoResult> WriteAsync(int offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Exchanges++;
            if (_card is null)
            {
                return ValueTask.FromResult(NoCard());
            }

            if (_tearAfter is not { } tear)
            {
                return ValueTask.FromResult(_card.Write(offset, data.Span));
            }

            _tearAfter = null;
            var result = _card.Write(offset, data.Span, tear);
            if (result.Status == CardIoStatus.TornWrite)
            {
                Remove();
            }

            return ValueTask.FromResult(result);
        }
    }

    public ValueTask<PscResult> PresentPscAsync(ReadOnlyMemory<byte> psc, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Exchanges++;
            // The group's write secret, cut to what this card's code takes (CardMedium.PscOf).
            return ValueTask.FromResult(_card?.PresentPsc(_card.Medium.PscOf(psc.Span)) ?? new PscResult(PscStatus.NoCard, 0));
        }
    }

    private CardIoResult NoCard() => new(CardIoStatus.NoCard, $"no card in reader '{Name}'");
}
