using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// A reader in process with a virtual card's medium in it, inserted once with its <see cref="CardFaults"/>: it sends
/// the APDUs <see cref="PcscCardReader"/> sends through pcscd — the same <see cref="PcscMedium"/> chosen by the same ATR —
/// to a <see cref="FaultedInsertion"/>, the same one the <see cref="VirtualCard"/> behind vpcd answers from. So a fault
/// numbered by APDU plays the same here as through pcscd (the lab's virtual target against its stack target), and the
/// reader's results read the same: a card that left answers nothing, then is no card. The delay is not played here:
/// no clock in process waits for a card.
/// </summary>
public sealed class MediumCardReader(IVirtualCardMedium medium, CardFaults faults) : ICardReader, ICardMediaHint
{
    private readonly FaultedInsertion _insertion = new(medium, faults);
    private PcscMedium? _medium;

    public string Name => $"in-process:{medium.MediaName}";

    /// <summary>The card's insertion: the APDUs it received and whether it left.</summary>
    public FaultedInsertion Insertion => _insertion;

    /// <summary>Every medium the cards in use may be, likeliest first, as <see cref="PcscCardReader.ExpectedMedia"/>.</summary>
    public IReadOnlyList<CardMedium> ExpectedMedia { get; private set; } = [];

    public void ExpectMedia(IReadOnlyList<CardMedium> media) => ExpectedMedia = [.. media.Distinct()];

    public ValueTask<CardPresence> WaitForCardAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_insertion.HasLeft || Connect() is { Status: CardIoStatus.NoCard } ? CardPresence.Absent : CardPresence.Present);

    public ValueTask<CardIoResult> ReadAsync(int offset, Memory<byte> destination, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Exchange(m => m.Read(Line, offset, destination.Span), writing: false));

    public ValueTask<CardIoResult> WriteAsync(int offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Exchange(m => m.Write(Line, offset, data.Span), writing: true));

    public ValueTask<PscResult> PresentPscAsync(ReadOnlyMemory<byte> psc, CancellationToken cancellationToken)
    {
        PscResult answer = new(PscStatus.NoCard, 0);
        var result = Exchange(m =>
        {
            answer = m.Unlock(Line, psc.Span);
            return CardIoResult.Ok;
        }, writing: false);
        return ValueTask.FromResult(result.Success ? answer : new PscResult(PscStatus.NoCard, 0));
    }

    private InsertionLine Line => new(_insertion);

    // As PcscCardReader's exchange: a failed exchange during a write may have left some bytes, so it is torn.
    private CardIoResult Exchange(Func<PcscMedium, CardIoResult> body, bool writing)
    {
        if (Connect() is { } problem)
        {
            return problem;
        }

        try
        {
            return body(_medium!);
        }
        catch (PcscException e) when (writing)
        {
            return new CardIoResult(CardIoStatus.TornWrite, $"the card was removed during the write ({e.Message}): some bytes may be written, some not");
        }
        catch (PcscException)
        {
            return new CardIoResult(CardIoStatus.NoCard, $"the card was removed from '{Name}'");
        }
    }

    private CardIoResult? Connect()
    {
        if (_medium is not null)
        {
            return null;
        }

        if (_insertion.HasLeft)
        {
            return new CardIoResult(CardIoStatus.NoCard, $"no card in reader '{Name}'");
        }

        try
        {
            string? refused = null;
            foreach (var candidate in PcscMedium.ForAtr(_insertion.Atr, ExpectedMedia))
            {
                if (candidate.Open(Line) is not { } why)
                {
                    _medium = candidate;
                    return null;
                }

                refused ??= why;
            }

            return new CardIoResult(CardIoStatus.ReaderFault, $"the card in '{Name}' {refused}");
        }
        catch (PcscException)
        {
            return new CardIoResult(CardIoStatus.NoCard, $"no card in reader '{Name}'");
        }
    }

    /// <summary>The card's answers as pcscd hands vpcd's on: empty for the APDU the card left at, then the card is removed.</summary>
    private readonly struct InsertionLine(FaultedInsertion insertion) : IApduLine
    {
        public byte[] Transmit(ReadOnlySpan<byte> command) => insertion.HasLeft
            ? throw new PcscException("exchanging with the card", PcscStatus.RemovedCard)
            : insertion.Take(command) ?? [];
    }
}
