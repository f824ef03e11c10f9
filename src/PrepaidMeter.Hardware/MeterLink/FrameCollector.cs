namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// Collects bytes from a line into frames, skipping noise and resynchronising after a bad frame: the same for every
/// 68H…16H protocol on the line (DL/T 645 <see cref="FrameReader"/>, CJ/T 188 <see cref="Cjt188.Cjt188FrameReader"/>);
/// only the decoding differs.
/// </summary>
internal abstract class FrameCollector<TFrame>(ISerialLine line)
    where TFrame : class
{
    private readonly byte[] _chunk = new byte[512];
    private byte[] _pending = [];

    /// <summary>The next well-formed frame to arrive within <paramref name="timeout"/>; null when none did.</summary>
    public async Task<TFrame?> NextAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        while (true)
        {
            while (_pending.Length > 0)
            {
                var (frame, consumed, incomplete) = Decode(_pending);
                _pending = _pending[consumed..];
                if (frame is not null)
                {
                    return frame;
                }

                if (incomplete)
                {
                    break;
                }
            }

            var left = time.GetElapsedTime(time.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            var read = await line.ReadAsync(_chunk, left, cancellationToken).ConfigureAwait(false);
            if (read > 0)
            {
                _pending = [.. _pending, .. _chunk.AsSpan(0, read)];
            }
        }
    }

    public void Clear()
    {
        _pending = [];
        line.DiscardInput();
    }

    /// <returns>The frame at the start of the bytes (or null), how many bytes it (or the noise) took, and whether more bytes are needed.</returns>
    protected abstract (TFrame? Frame, int Consumed, bool Incomplete) Decode(ReadOnlySpan<byte> pending);
}
