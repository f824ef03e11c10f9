using System.Text.Json;

namespace PrepaidMeter.Hardware.Traces;

/// <summary>
/// A trace written as JSON Lines, one exchange a line (docs/card-media.md, "Traces"). Each line is flushed as it is
/// recorded, so a program that dies mid-session leaves every exchange up to then. A destination that fails (disk
/// full, a device that refuses) stops the recording, not the card: <see cref="Failure"/> says why and from which line.
/// </summary>
public sealed class JsonLinesCardTrace : ICardTrace, IDisposable
{
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _json;
    private readonly Lock _gate = new();
    private bool _closed;

    /// <param name="stream">Where lines go; the trace owns it and closes it.</param>
    public JsonLinesCardTrace(Stream stream, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(time);
        _stream = stream;
        Time = time;
        _json = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Creates (or truncates) the file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be created: no such folder, a folder of that name, no space.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public static JsonLinesCardTrace Create(string path, TimeProvider time) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read), time);

    public TimeProvider Time { get; }

    /// <summary>Exchanges written so far.</summary>
    public int Lines { get; private set; }

    /// <summary>Why recording stopped (the first failure writing the destination); null while it records.</summary>
    public Exception? Failure { get; private set; }

    public void Record(ApduExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        lock (_gate)
        {
            if (Failure is not null || _closed)
            {
                return;
            }

            try
            {
                TraceJson.Write(_json, exchange);
                _json.Flush();
                _json.Reset();
                _stream.WriteByte((byte)'\n');
                _stream.Flush();
                Lines++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                Failure = e;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            try
            {
                // After a failure the writer may hold a line it could not write; closing must not try again and throw.
                if (Failure is not null)
                {
                    _json.Reset();
                }

                _json.Dispose();
                _stream.Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Failure ??= e;
            }
        }
    }
}
