using System.Text.Json;
using System.Text.Json.Nodes;

namespace PrepaidMeter.Hardware.MeterLink.Tracing;

/// <summary>
/// A DL/T 645 trace file: JSON Lines, one frame a line, in the order the bytes crossed the line (docs/dlt645.md,
/// "Traces"). Each line holds <c>time</c> (UTC, ISO 8601, from the caller's TimeProvider), <c>port</c>, <c>dir</c>
/// (<c>tx</c> sent by this end, <c>rx</c> received), <c>frame</c> (the bytes as on the wire, wake-up bytes
/// included, hex) and what the frame says (<see cref="LinkFrameMeaning"/>); bytes that make no frame are a
/// line with <c>dir</c> <c>rx</c>, <c>noise</c> (hex) and <c>error</c>. Lines are flushed as they are written, so a
/// trace survives the process being killed.
/// </summary>
public sealed class LinkTrace : IDisposable
{
    // Values as written (a kWh, a colon), not \u-escaped: the file is read by people as well as by `link trace show`.
    private static readonly JsonSerializerOptions LineOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly TextWriter _writer;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    public LinkTrace(TextWriter writer, TimeProvider time)
    {
        _writer = writer;
        _time = time;
    }

    /// <exception cref="IOException">The file cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be written.</exception>
    public static LinkTrace Create(string path, TimeProvider time) =>
        new(new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { AutoFlush = true }, time);

    public void Sent(string port, ReadOnlySpan<byte> wire, Dlt645Frame frame) => Write(port, "tx", wire, frame);

    public void Received(string port, ReadOnlySpan<byte> wire, Dlt645Frame frame) => Write(port, "rx", wire, frame);

    public void Noise(string port, ReadOnlySpan<byte> bytes, string error)
    {
        var line = new JsonObject
        {
            ["time"] = Stamp(),
            ["port"] = port,
            ["dir"] = "rx",
            ["noise"] = Convert.ToHexString(bytes),
            ["error"] = error,
        };
        WriteLine(line);
    }

    private void Write(string port, string direction, ReadOnlySpan<byte> wire, Dlt645Frame frame)
    {
        var meaning = LinkFrameMeaning.Of(frame);
        var line = new JsonObject
        {
            ["time"] = Stamp(),
            ["port"] = port,
            ["dir"] = direction,
            ["frame"] = Convert.ToHexString(wire),
            ["address"] = meaning.Address,
            ["control"] = meaning.Control,
            ["function"] = meaning.Function,
        };
        Add(line, "di", meaning.DataIdentifier);
        Add(line, "item", meaning.Item);
        Add(line, "value", meaning.Value);
        Add(line, "error", meaning.Error);
        WriteLine(line);
    }

    private static void Add(JsonObject line, string name, string? value)
    {
        if (value is not null)
        {
            line[name] = value;
        }
    }

    private string Stamp() => _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private void WriteLine(JsonObject line)
    {
        lock (_lock)
        {
            _writer.WriteLine(line.ToJsonString(LineOptions));
        }
    }

    public void Dispose() => _writer.Dispose();
}
