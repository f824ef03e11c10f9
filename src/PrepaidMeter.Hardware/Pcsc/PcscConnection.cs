using PrepaidMeter.Hardware.Traces;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>A connection to the card in one reader: APDUs in, responses out.</summary>
public sealed class PcscConnection : IApduLine, IDisposable
{
    private readonly nint _card;
    private readonly PcscNative.IoRequest _pci;
    private readonly byte[] _receive = new byte[258];

    internal PcscConnection(nint card, nuint protocol)
    {
        _card = card;
        _pci = new PcscNative.IoRequest { Protocol = protocol, Length = (nuint)(2 * nint.Size) };
    }

    /// <summary>The card's answer to reset (SCardStatus): it says which medium is in the reader.</summary>
    /// <exception cref="PcscException">The card was removed, or the reader is gone.</exception>
    public byte[] Atr()
    {
        var name = new byte[256];
        var nameLength = (nuint)name.Length;
        var atr = new byte[33];
        var atrLength = (nuint)atr.Length;
        PcscContext.Check("asking the card's ATR", (uint)PcscNative.Status(_card, name, ref nameLength, out _, out _, atr, ref atrLength));
        return atr.AsSpan(0, (int)atrLength).ToArray();
    }

    /// <summary>Where this connection's exchanges are recorded; null (untraced) adds nothing to an exchange but this test.</summary>
    internal ConnectionTrace? Trace { get; set; }

    /// <summary>Sends a command APDU; returns the response APDU (data, then SW1 SW2).</summary>
    /// <exception cref="PcscException">The card was removed, or the exchange failed.</exception>
    public byte[] Transmit(ReadOnlySpan<byte> command) => Trace is { } trace ? TransmitTraced(command, trace) : TransmitUntraced(command);

    private byte[] TransmitUntraced(ReadOnlySpan<byte> command)
    {
        var send = command.ToArray();
        var length = (nuint)_receive.Length;
        PcscContext.Check("exchanging with the card", (uint)PcscNative.Transmit(_card, in _pci, send, (nuint)send.Length, 0, _receive, ref length));
        return _receive.AsSpan(0, (int)length).ToArray();
    }

    private byte[] TransmitTraced(ReadOnlySpan<byte> command, ConnectionTrace trace)
    {
        var time = trace.Trace.Time;
        var (at, started) = (time.GetUtcNow(), time.GetTimestamp());
        try
        {
            var response = TransmitUntraced(command);
            trace.Trace.Record(trace.Exchange(at, command, response, time.GetElapsedTime(started)));
            return response;
        }
        catch (PcscException e)
        {
            // The exchange that failed is the one a tester most wants to see.
            trace.Trace.Record(trace.Exchange(at, command, [], time.GetElapsedTime(started)) with { Error = e.Message });
            throw;
        }
    }

    public void Dispose() => PcscNative.Disconnect(_card, PcscNative.LeaveCard);

    /// <summary>Disconnects resetting the card (its session ends: what was unlocked is locked); instead of <see cref="Dispose"/>.</summary>
    internal void DisposeResetting() => PcscNative.Disconnect(_card, PcscNative.ResetCard);
}
