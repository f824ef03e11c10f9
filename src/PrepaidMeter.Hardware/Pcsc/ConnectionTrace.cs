using PrepaidMeter.Hardware.Traces;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>What a traced <see cref="PcscConnection"/> stamps on each exchange: the trace, the reader, the session and the card's ATR.</summary>
internal sealed record ConnectionTrace(ICardTrace Trace, string Reader, int Session, byte[] Atr)
{
    public ApduExchange Exchange(DateTimeOffset at, ReadOnlySpan<byte> command, byte[] response, TimeSpan duration) =>
        new(at, TraceSide.Reader, Reader, Session, command.ToArray(), response, duration) { Atr = Atr };
}
