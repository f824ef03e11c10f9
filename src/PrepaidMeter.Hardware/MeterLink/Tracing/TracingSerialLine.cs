using PrepaidMeter.Hardware.MeterLink.Cjt188;

namespace PrepaidMeter.Hardware.MeterLink.Tracing;

/// <summary>
/// A serial line that writes every frame crossing it into a <see cref="LinkTrace"/>, both ways, and otherwise passes
/// the bytes through untouched: the link and the meter server above it do not know they are traced. What it sends is
/// a whole frame a write; what it receives is cut into frames as they complete, as the reader above cuts them, by the
/// codec of the <see cref="LinkProtocol"/> it was made for (DL/T 645 unless told).
/// </summary>
public sealed class TracingSerialLine(ISerialLine inner, LinkTrace trace, LinkProtocol protocol = LinkProtocol.Dlt645) : ISerialLine
{
    private byte[] _received = [];

    public string Name => inner.Name;

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        Trace(bytes.Span, sent: true);
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
            trace.Noise(Name, _received, "dropped: arrived after the exchange it belonged to, or half a frame", protocol);
            _received = [];
        }
    }

    public void Dispose() => inner.Dispose();

    private void TraceWhatCompleted()
    {
        while (_received.Length > 0)
        {
            var (incomplete, consumed, detail) = Trace(_received, sent: false);
            if (incomplete)
            {
                return;
            }

            var taken = _received.AsSpan(0, consumed);
            if (detail is not null && !IsWakeUp(taken))
            {
                trace.Noise(Name, taken, detail, protocol);
            }

            _received = _received[consumed..];
        }
    }

    /// <summary>
    /// Decodes the first frame in <paramref name="bytes"/> and records it when there is one. Says whether the frame
    /// has not all arrived, how many bytes the codec used, and why they made no frame (null when they did).
    /// </summary>
    private (bool Incomplete, int Consumed, string? Detail) Trace(ReadOnlySpan<byte> bytes, bool sent)
    {
        // A write is one whole frame with its wake-up bytes; a received frame is what the codec used of the buffer.
        if (protocol == LinkProtocol.Cjt188)
        {
            var decoded = Cjt188Codec.Decode(bytes);
            if (decoded.Frame is { } frame)
            {
                if (sent)
                {
                    trace.Sent(Name, bytes, frame);
                }
                else
                {
                    trace.Received(Name, bytes[..decoded.Consumed], frame);
                }
            }

            return (decoded.Error == Cjt188FrameError.Incomplete, decoded.Consumed, decoded.Success ? null : decoded.Detail);
        }

        var dlt = Dlt645Codec.Decode(bytes);
        if (dlt.Frame is { } dltFrame)
        {
            if (sent)
            {
                trace.Sent(Name, bytes, dltFrame);
            }
            else
            {
                trace.Received(Name, bytes[..dlt.Consumed], dltFrame);
            }
        }

        return (dlt.Error == Dlt645FrameError.Incomplete, dlt.Consumed, dlt.Success ? null : dlt.Detail);
    }

    private static bool IsWakeUp(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyExcept(Dlt645Codec.WakeUp) < 0;
}
