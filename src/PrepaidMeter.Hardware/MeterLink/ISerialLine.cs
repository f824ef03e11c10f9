namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// A serial line as the meter link needs it (kissproxy's ISerialPort): write bytes, read what has
/// arrived within a time, drop stale input. <see cref="SerialPortLine"/> is System.IO.Ports; tests
/// run it across a socat pseudo-terminal pair.
/// </summary>
public interface ISerialLine : IDisposable
{
    string Name { get; }

    Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken);

    /// <summary>Reads what has arrived, waiting at most <paramref name="timeout"/> for the first byte; 0 when nothing came.</summary>
    Task<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Drops whatever arrived and was not read (a late reply to an earlier try).</summary>
    void DiscardInput();
}
