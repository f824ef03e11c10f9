namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>Collects bytes from a line into DL/T 645 frames, skipping noise and resynchronising after a bad frame.</summary>
internal sealed class FrameReader(ISerialLine line) : FrameCollector<Dlt645Frame>(line)
{
    protected override (Dlt645Frame? Frame, int Consumed, bool Incomplete) Decode(ReadOnlySpan<byte> pending)
    {
        var decoded = Dlt645Codec.Decode(pending);
        return (decoded.Frame, decoded.Consumed, decoded.Error == Dlt645FrameError.Incomplete);
    }
}
