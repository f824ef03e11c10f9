namespace PrepaidMeter.Hardware.MeterLink.Tracing;

/// <summary>
/// A serial line that writes every frame crossing it into a <see cref="LinkTrace"/>, both ways, and otherwise passes
/// the bytes through untouched: the link and the meter server above it do not know they are traced. What it sends is
/// a whole frame a write; what it receives is cut into frames as they complete, as the reader above cuts them.
/// </summary>
public sealed class TracingSerialLine(ISerialLine inner, LinkTrace trace) : ISerialLine
{
    private byte[] _received = [];

    public string Name => inner.Name;

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var decoded = Dlt645Codec.Decode(bytes.Span);
        if (decoded.Frame is { } frame)
        {
            trace.Sent(Name, bytes.Span, frame);
        }

        await inner.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var read = await inner.ReadAsync(buffer, timeout, cancellationToken).ConfigureAwait(false);
        if (read > 0)
        {
            _received = [.. _received, .. buffer.Span[..read]];
            TraceWhatCompleted();
        }

        return read;
    }

    public void DiscardInput()
    {
        inner.DiscardInput();
        if (_received.Length > 0)
        {
            trace.Noise(Name, _received, "dropped: arrived after the exchange it belonged to, or half a frame");
            _received = [];
        }
    }

    public void Dispose() => inner.Dispose();

    private void TraceWhatCompleted()
    {
        while (_received.Length > 0)
        {
            var decoded = Dlt645Codec.Decode(_received);
            if (decoded.Error == Dlt645FrameError.Incomplete)
            {
                return;
            }

            var taken = _received.AsSpan(0, decoded.Consumed);
            if (decoded.Frame is { } frame)
            {
                trace.Received(Name, taken, frame);
            }
            else if (!IsWakeUp(taken))
            {
                trace.Noise(Name, taken, decoded.Detail);
            }

            _received = _received[decoded.Consumed..];
        }
    }

    private static bool IsWakeUp(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept(Dlt645Codec.WakeUp) < 0;
}
