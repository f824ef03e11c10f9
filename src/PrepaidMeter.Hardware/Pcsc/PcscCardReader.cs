using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Traces;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// A real reader through PC/SC (`--reader pcsc:"NAME"`). The card's ATR says its medium: a memory card (SLE4442,
/// SLE4428, an AT24C I²C EEPROM) in an ACS-style reader (pseudo-APDUs, <see cref="AcsMemoryApdus"/>) or an ISO 7816-4 CPU card
/// (<see cref="Iso7816Apdus"/>). A missing reader, a missing card and a card pulled out mid-write are results
/// with a sentence, never exceptions.
/// </summary>
public sealed class PcscCardReader(string readerName) : ICardReader, ICardMediaHint, ICardSession, IDisposable
{
    private PcscContext? _context;
    private PcscConnection? _connection;
    private PcscMedium _medium = AcsMemoryMedium.For(CardMedium.Sle4442);

    private int _sessions;

    public string Name => $"pcsc:{readerName}";

    /// <summary>
    /// Where every APDU this reader sends is recorded (docs/card-media.md, "Traces"), each connection a session of its
    /// own; null (the default) records nothing.
    /// </summary>
    public ICardTrace? Trace { get; init; }

    /// <summary>
    /// The medium the layout in use says its cards are: what decides when the ATR does not (an I²C card's size, a
    /// generic ATR, a CPU card's files). Null: the ATR alone (a CPU card is then the one 256-byte file 0001).
    /// </summary>
    public CardMedium? ExpectedMedium
    {
        get => ExpectedMedia is [var first, ..] ? first : null;
        set => ExpectedMedia = value is { } medium ? [medium] : [];
    }

    /// <summary>Every medium the cards in use may be, likeliest first (several groups, several layouts); tried in turn when a card connects.</summary>
    public IReadOnlyList<CardMedium> ExpectedMedia { get; private set; } = [];

    public void ExpectMedia(IReadOnlyList<CardMedium> media) => ExpectedMedia = [.. media.Distinct()];

    /// <summary>"sle4442", "sle4428", "at24c02" … or "cpu": the medium of the card connected to, known from its ATR; null before a card.</summary>
    public string? Media => _connection is null ? null : _medium.Name;

    // The longest a blocking wait inside pcscd runs before we look at the cancellation token again.
    private static readonly TimeSpan WaitSlice = TimeSpan.FromMilliseconds(250);

    public async ValueTask<CardPresence> WaitForCardAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Connected already: no exchange to ask; a card since pulled out shows up on the next APDU as no card.
        if (_connection is not null)
        {
            return CardPresence.Present;
        }

        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            var left = TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));
            var state = await WaitUntilAsync(present: true, left, cancellationToken).ConfigureAwait(false);
            if (state is not { } s || !Has(s, PcscNative.StatePresent))
            {
                return CardPresence.Absent;
            }

            // pcscd says "present" a moment before the card answers a connect; try again until it does.
            if (Connect() is null)
            {
                return CardPresence.Present;
            }

            if (left == TimeSpan.Zero)
            {
                return CardPresence.Absent;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until the card leaves the reader (a meter handles a card once per insertion, then waits for
    /// it to go); true once the reader is empty, false on a timeout.
    /// </summary>
    public async ValueTask<bool> WaitForRemovalAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var state = await WaitUntilAsync(present: false, timeout, cancellationToken).ConfigureAwait(false);
        var gone = state is { } s && !Has(s, PcscNative.StatePresent);
        if (gone)
        {
            Drop();
        }

        return gone;
    }

    // Blocks in pcscd (SCardGetStatusChange) in slices, so a cancellation is seen within one slice.
    private async Task<uint?> WaitUntilAsync(bool present, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        uint known = PcscNative.StateUnaware;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));
            var slice = left < WaitSlice ? left : WaitSlice;
            // A look (no wait) answers at once, as before every sale; a wait that blocks in pcscd gets a thread
            // of its own, so it never holds a pool thread the virtual card's answers (and vpcd's patience) need.
            var state = slice == TimeSpan.Zero
                ? CardState(slice, known)
                : await Task.Factory.StartNew(() => CardState(slice, known), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            if (state is not { } s)
            {
                return null;
            }

            if (Has(s, PcscNative.StatePresent) == present && !Has(s, PcscNative.StateMute))
            {
                return s;
            }

            known = s;
            if (left == TimeSpan.Zero)
            {
                return s;
            }
        }
    }

    /// <summary>The reader's state after waiting up to <paramref name="wait"/> for it to leave <paramref name="known"/>; null when there is no such reader or no pcscd.</summary>
    private uint? CardState(TimeSpan wait, uint known = PcscNative.StateUnaware)
    {
        try
        {
            _context ??= PcscContext.Establish();
            return _context.WaitForChange(readerName, known, wait);
        }
        catch (PcscException)
        {
            return null;
        }
    }

    private static bool Has(uint state, uint flag) => (state & flag) != 0;

    public ValueTask<CardIoResult> ReadAsync(int offset, Memory<byte> destination, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Exchange((connection, medium) => medium.Read(connection, offset, destination.Span), writing: false));

    public ValueTask<CardIoResult> WriteAsync(int offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Exchange((connection, medium) => medium.Write(connection, offset, data.Span), writing: true));

    /// <summary>Unlocks writes: an SLE4442 takes the secret as its PSC; a CPU card is authenticated with the key derived from it.</summary>
    public ValueTask<PscResult> PresentPscAsync(ReadOnlyMemory<byte> psc, CancellationToken cancellationToken)
    {
        PscResult answer = new(PscStatus.NoCard, 0);
        var result = Exchange((connection, medium) =>
        {
            answer = medium.Unlock(connection, psc.Span);
            return CardIoResult.Ok;
        }, writing: false);
        return ValueTask.FromResult(result.Success ? answer : new PscResult(PscStatus.NoCard, 0));
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _context?.Dispose();
    }

    private CardIoResult Exchange(Func<PcscConnection, PcscMedium, CardIoResult> body, bool writing)
    {
        if (Connect() is { } problem)
        {
            return problem;
        }

        try
        {
            return body(_connection!, _medium);
        }
        catch (PcscException e) when (writing)
        {
            // Whatever broke the exchange, the write's bytes may have landed in part: the caller must not commit.
            Drop();
            return new CardIoResult(CardIoStatus.TornWrite,
                $"the card {(PcscStatus.MeansCardGone(e.Code) ? "was removed" : "stopped answering")} during the write ({e.Message}): some bytes may be written, some not");
        }
        catch (PcscException e) when (PcscStatus.MeansCardGone(e.Code))
        {
            Drop();
            return new CardIoResult(CardIoStatus.NoCard, $"the card was removed from '{readerName}'");
        }
        catch (PcscException e)
        {
            Drop();
            return new CardIoResult(CardIoStatus.ReaderFault, e.Message);
        }
    }

    /// <summary>Null once connected, the medium known from the ATR and the card image opened; otherwise why not.</summary>
    private CardIoResult? Connect()
    {
        if (_connection is not null)
        {
            return null;
        }

        try
        {
            _context ??= PcscContext.Establish();
            var connection = _context.Connect(readerName);
            try
            {
                string? refused = null;
                var atr = connection.Atr();
                if (Trace is { } trace)
                {
                    connection.Trace = new ConnectionTrace(trace, readerName, ++_sessions, atr);
                }

                foreach (var medium in PcscMedium.ForAtr(atr, ExpectedMedia))
                {
                    if (medium.Open(connection) is not { } why)
                    {
                        (_connection, _medium) = (connection, medium);
                        return null;
                    }

                    refused ??= why; // the likeliest medium's reason is the one worth telling
                }

                connection.Dispose();
                return new CardIoResult(CardIoStatus.ReaderFault, $"the card in '{readerName}' {refused}");
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }
        catch (PcscException e) when (PcscStatus.MeansCardGone(e.Code))
        {
            return new CardIoResult(CardIoStatus.NoCard, $"no card in reader '{readerName}'");
        }
        catch (PcscException e) when (e.Code == 0x80100009)
        {
            var present = _context?.ListReaders() ?? [];
            return new CardIoResult(CardIoStatus.ReaderFault,
                $"no reader named '{readerName}'; readers present: {(present.Count == 0 ? "none" : string.Join(", ", present.Select(r => $"'{r}'")))}");
        }
        catch (PcscException e)
        {
            return new CardIoResult(CardIoStatus.ReaderFault, e.Message);
        }
    }

    public void EndSession() => Drop();

    private void Drop()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
