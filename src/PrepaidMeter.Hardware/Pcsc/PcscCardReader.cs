using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// A real reader through PC/SC (`--reader pcsc:"NAME"`): an ACS-style reader with an SLE4442 memory card,
/// driven by the pseudo-APDUs of <see cref="Sle4442Apdus"/>. A missing reader, a missing card and a card
/// pulled out mid-write are results with a sentence, never exceptions.
/// </summary>
public sealed class PcscCardReader(string readerName) : ICardReader, IDisposable
{
    // An SLE4442 read or write carries at most this many bytes in one pseudo-APDU.
    private const int Chunk = 128;

    private PcscContext? _context;
    private PcscConnection? _connection;

    public string Name => $"pcsc:{readerName}";

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
        ValueTask.FromResult(Exchange(connection =>
        {
            for (var done = 0; done < destination.Length; done += Chunk)
            {
                var count = Math.Min(Chunk, destination.Length - done);
                var response = connection.Transmit(Sle4442Apdus.Read(offset + done, count));
                if (!EndsOk(response) || response.Length != count + 2)
                {
                    return new CardIoResult(CardIoStatus.OutOfRange, $"reading {count} bytes at {offset + done}: status {Convert.ToHexString(response.AsSpan(Math.Max(0, response.Length - 2)))}");
                }

                response.AsSpan(0, count).CopyTo(destination.Span[done..]);
            }

            return CardIoResult.Ok;
        }, writing: false));

    public ValueTask<CardIoResult> WriteAsync(int offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Exchange(connection =>
        {
            for (var done = 0; done < data.Length; done += Chunk)
            {
                var count = Math.Min(Chunk, data.Length - done);
                var response = connection.Transmit(Sle4442Apdus.Write(offset + done, data.Span.Slice(done, count)));
                if (!EndsOk(response))
                {
                    return response is [0x69, 0x82]
                        ? new CardIoResult(CardIoStatus.Locked, "present the PSC before writing (or the card is locked after three wrong codes)")
                        : response is [0x69, 0x86]
                            ? new CardIoResult(CardIoStatus.WriteProtected, $"bytes 0..{Sle4442Card.ProtectedBytes - 1} are write-protected")
                            : new CardIoResult(CardIoStatus.OutOfRange, $"writing at {offset + done}: status {Convert.ToHexString(response)}");
                }
            }

            return CardIoResult.Ok;
        }, writing: true));

    public ValueTask<PscResult> PresentPscAsync(ReadOnlyMemory<byte> psc, CancellationToken cancellationToken)
    {
        PscResult answer = new(PscStatus.NoCard, 0);
        var result = Exchange(connection =>
        {
            var response = connection.Transmit(Sle4442Apdus.PresentPsc(psc.Span));
            var tries = response is [0x90, var sw2] ? Sle4442Apdus.TriesLeft(sw2) : 0;
            answer = tries == Sle4442Card.MaxTries ? new(PscStatus.Accepted, tries) : new(tries == 0 ? PscStatus.Locked : PscStatus.Wrong, tries);
            return CardIoResult.Ok;
        }, writing: false);
        return ValueTask.FromResult(result.Success ? answer : new PscResult(PscStatus.NoCard, 0));
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _context?.Dispose();
    }

    private CardIoResult Exchange(Func<PcscConnection, CardIoResult> body, bool writing)
    {
        if (Connect() is { } problem)
        {
            return problem;
        }

        try
        {
            return body(_connection!);
        }
        catch (PcscException e) when (PcscStatus.MeansCardGone(e.Code))
        {
            Drop();
            return writing
                ? new CardIoResult(CardIoStatus.TornWrite, "the card was removed during the write: some bytes may be written, some not")
                : new CardIoResult(CardIoStatus.NoCard, $"the card was removed from '{readerName}'");
        }
        catch (PcscException e)
        {
            Drop();
            return new CardIoResult(CardIoStatus.ReaderFault, e.Message);
        }
    }

    /// <summary>Null once connected and the card type selected; otherwise why not.</summary>
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
            if (!EndsOk(connection.Transmit(Sle4442Apdus.SelectCardType())))
            {
                connection.Dispose();
                return new CardIoResult(CardIoStatus.ReaderFault, $"'{readerName}' would not select an SLE4442 memory card");
            }

            _connection = connection;
            return null;
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

    private void Drop()
    {
        _connection?.Dispose();
        _connection = null;
    }

    private static bool EndsOk(byte[] response) => response.Length >= 2 && response[^2] == 0x90 && response[^1] == 0x00;
}
