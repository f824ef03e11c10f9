using System.IO.Ports;

namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>Line settings: DL/T 645 meters talk at 2400 or 9600 baud, 8 data bits, even parity, 1 stop bit.</summary>
public sealed record SerialSettings(int BaudRate = 2400, Parity Parity = Parity.Even, int DataBits = 8, StopBits StopBits = StopBits.One);

/// <summary>A serial port through System.IO.Ports — a USB RS-485 adapter on a bench, a pseudo-terminal in tests.</summary>
public sealed class SerialPortLine : ISerialLine
{
    private readonly SerialPort _port;

    private SerialPortLine(SerialPort port) => _port = port;

    public string Name => _port.PortName;

    /// <summary>Opens <paramref name="path"/>; on failure the message says which port and why, and nothing is left open.</summary>
    public static string? TryOpen(string path, SerialSettings settings, out SerialPortLine? line)
    {
        ArgumentNullException.ThrowIfNull(settings);
        line = null;
        // System.IO.Ports says "access denied" for a path that is not there at all: tell the two apart first.
        if (Directory.Exists(path))
        {
            return $"cannot open serial port '{path}': it is a folder, not a serial port";
        }

        if (!File.Exists(path))
        {
            return $"cannot open serial port '{path}': no such port";
        }

        var problem = TryOpenOnce(path, settings, out line, out var retry);
        if (retry && TtyNudge.TryNudge(path))
        {
            problem = TryOpenOnce(path, settings, out line, out _);
        }

        return problem;
    }

    private static string? TryOpenOnce(string path, SerialSettings settings, out SerialPortLine? line, out bool worthNudging)
    {
        line = null;
        worthNudging = false;
        var port = new SerialPort(path, settings.BaudRate, settings.Parity, settings.DataBits, settings.StopBits)
        {
            Handshake = Handshake.None,
            ReadTimeout = 1000,
            WriteTimeout = 1000,
        };
        try
        {
            port.Open();
            line = new SerialPortLine(port);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            worthNudging = e is ArgumentException && File.Exists(path);
            return $"cannot open serial port '{path}': {e.Message}";
        }
    }

    public Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var copy = bytes.ToArray();
        _port.Write(copy, 0, copy.Length);
        return Task.CompletedTask;
    }

    public Task<int> ReadAsync(Memory<byte> buffer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // A blocking read, off the caller's thread, that returns as soon as a byte is there and is bounded by
        // the timeout (so a cancellation waits at most that long): polling in sleeps would add a sleep to every
        // round trip.
        return Task.Run(
            () =>
            {
                _port.ReadTimeout = (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue);
                var chunk = new byte[buffer.Length];
                try
                {
                    var read = _port.Read(chunk, 0, chunk.Length);
                    chunk.AsMemory(0, read).CopyTo(buffer);
                    return read;
                }
                catch (TimeoutException)
                {
                    return 0;
                }
            },
            cancellationToken);
    }

    public void DiscardInput() => _port.DiscardInBuffer();

    public void Dispose() => _port.Dispose();
}
