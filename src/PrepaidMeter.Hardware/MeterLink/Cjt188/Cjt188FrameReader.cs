namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>Collects bytes from a line into CJ/T 188 frames, skipping noise and resynchronising after a bad frame.</summary>
internal sealed class Cjt188FrameReader(ISerialLine line) : FrameCollector<Cjt188Frame>(line)
{
    protected override (Cjt188Frame? Frame, int Consumed, bool Incomplete) Decode(ReadOnlySpan<byte> pending)
    {
        var decoded = Cjt188Codec.Decode(pending);
        return (decoded.Frame, decoded.Consumed, decoded.Error == Cjt188FrameError.Incomplete);
    }
}
