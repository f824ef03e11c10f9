namespace PrepaidMeter.Hardware.Traces.PcscSpy;

/// <summary>
/// Turns a program's PC/SC calls into the exchanges of a card trace, as <see cref="Pcsc.PcscCardReader"/> would have
/// recorded them: each SCardTransmit an exchange on the reader's side; each connection, and each reconnect that resets
/// or unpowers the card, a new session; the ATR the last SCardStatus of the connection reported. Calls that move no
/// APDU (contexts, readers, SCardControl to the reader itself) leave nothing.
/// </summary>
internal sealed class SpyCallsToExchanges(DateTimeOffset clockless)
{
    private readonly Dictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly List<(DateTimeOffset Start, int Order, ApduExchange Exchange)> _exchanges = [];
    private DateTimeOffset _next = clockless;
    private int _sessions;

    public int Calls { get; private set; }

    /// <summary>Calls whose end is in the log but not their start (a log begun mid-call): they cannot be told, only counted.</summary>
    public int Skipped { get; set; }

    public void Add(SpyCall call)
    {
        Calls++;
        // The printed form has durations only: calls are laid end to end from the given start.
        var start = call.Start ?? _next;
        _next = start + call.Duration;
        var succeeded = call.ReturnValue == 0;
        switch (call.Function)
        {
            case "SCardConnect" when succeeded && call.Card is { } card:
                _connections[card] = new(call.Reader ?? "", ++_sessions, null);
                break;
            case "SCardReconnect" when succeeded && call.Card is { } card && call.Initialization is 1 or 2:
                _connections[card] = Of(card) with { Session = ++_sessions, Atr = null };
                break;
            case "SCardStatus" when succeeded && call.Card is { } card:
                var known = Of(card);
                _connections[card] = known with { Reader = string.IsNullOrEmpty(known.Reader) ? call.Reader ?? "" : known.Reader, Atr = call.Atr ?? known.Atr };
                break;
            case "SCardTransmit" when call.Command is { Length: > 0 } command:
                var connection = call.Card is { } handle ? Of(handle) : Of("");
                var exchange = new ApduExchange(start, TraceSide.Reader, connection.Reader, connection.Session, command, succeeded ? call.Response ?? [] : [], call.Duration)
                {
                    Atr = connection.Atr,
                    Error = call.Unfinished ? "no return in the log: it ends before this call returned"
                        : succeeded ? null
                        : $"{call.ReturnText} (0x{call.ReturnValue:X8})",
                };
                _exchanges.Add((start, _exchanges.Count, exchange));
                break;
            case "SCardDisconnect" when call.Card is { } card:
                _connections.Remove(card);
                break;
        }
    }

    /// <summary>The exchanges in the order they began (threads' calls interleave in a log).</summary>
    public IReadOnlyList<ApduExchange> Exchanges() =>
        [.. _exchanges.OrderBy(e => e.Start).ThenBy(e => e.Order).Select(e => e.Exchange)];

    // A handle the log never saw connected (a log begun mid-session) is one session of an unnamed reader.
    private Connection Of(string card)
    {
        if (!_connections.TryGetValue(card, out var connection))
        {
            connection = new("", _sessions == 0 ? ++_sessions : _sessions, null);
            _connections[card] = connection;
        }

        return connection;
    }

    private sealed record Connection(string Reader, int Session, byte[]? Atr);
}
