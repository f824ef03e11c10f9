namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>Collects bytes from a line into CJ/T 188 frames, skipping noise and resynchronising after a bad frame.</summary>
internal sealed class Cjt188FrameReader(ISerialLine line)
{
    private readonly byte[] _chunk = new byte[512];
    private byte[] _pending = [];

    /// <summary>The next well-formed frame to arrive within <paramref name="timeout"/>; null when none did.</summary>
    public async Task<Cjt188Frame?> NextAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetTimestamp() + (long)(timeout.TotalSeconds * time.TimestampFrequency);
        while (true)
        {
            while (_pending.Length > 0)
            {
                var decoded = Cjt188Codec.Decode(_pending);
                _pending = _pending[decoded.Consumed..];
                if (decoded.Frame is { } frame)
                {
                    return frame;
                }

                if (decoded.Error == Cjt188FrameError.Incomplete)
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
}
