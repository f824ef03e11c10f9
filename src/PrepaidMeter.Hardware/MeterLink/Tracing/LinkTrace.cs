using System.Text.Json;
using System.Text.Json.Nodes;
using PrepaidMeter.Hardware.MeterLink.Cjt188;

namespace PrepaidMeter.Hardware.MeterLink.Tracing;

/// <summary>
/// A meter-link trace file, DL/T 645 or CJ/T 188: JSON Lines, one frame a line, in the order the bytes crossed the line (docs/dlt645.md,
/// "Traces"). Each line holds <c>time</c> (UTC, ISO 8601, from the caller's TimeProvider), <c>port</c>, <c>dir</c>
/// (<c>tx</c> sent by this end, <c>rx</c> received), <c>frame</c> (the bytes as on the wire, wake-up bytes
/// included, hex) and what the frame says (<see cref="LinkFrameMeaning"/>); bytes that make no frame are a
/// line with <c>dir</c> <c>rx</c>, <c>noise</c> (hex) and <c>error</c>. Lines are flushed as they are written, so a
/// trace survives the process being killed. A CJ/T 188 line carries <c>protocol</c> <c>cjt188</c>, the meter
/// <c>type</c> and the <c>ser</c> as well; a line without <c>protocol</c> is DL/T 645, so traces written before
/// CJ/T 188 was traced read as they did.
/// </summary>
public sealed class LinkTrace : IDisposable
{
    /// <summary>The <c>protocol</c> value of a CJ/T 188 line.</summary>
    public const string CjtMarker = "cjt188";

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

    public void Sent(string port, ReadOnlySpan<byte> wire, Cjt188Frame frame) => Write(port, "tx", wire, frame);

    public void Received(string port, ReadOnlySpan<byte> wire, Cjt188Frame frame) => Write(port, "rx", wire, frame);

    /// <summary>Received bytes that made no frame; <paramref name="protocol"/> is written only for CJ/T 188, as on its frames.</summary>
    public void Noise(string port, ReadOnlySpan<byte> bytes, string error, LinkProtocol protocol = LinkProtocol.Dlt645)
    {
        var line = new JsonObject
        {
            ["time"] = Stamp(),
            ["port"] = port,
            ["dir"] = "rx",
        };
        if (protocol == LinkProtocol.Cjt188)
        {
            line["protocol"] = CjtMarker;
        }

        line["noise"] = Convert.ToHexString(bytes);
        line["error"] = error;
        WriteLine(line);
    }

    private void Write(string port, string direction, ReadOnlySpan<byte> wire, Dlt645Frame frame) =>
        WriteLine(Line(port, direction, wire, LinkFrameMeaning.Of(frame), []));

    private void Write(string port, string direction, ReadOnlySpan<byte> wire, Cjt188Frame frame) =>
        WriteLine(Line(port, direction, wire, Cjt188FrameMeaning.Of(frame),
            [("protocol", CjtMarker), ("type", frame.MeterType.ToString()), ("ser", Cjt188FrameMeaning.Ser(frame)?.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))]));

    /// <summary>A frame's line: <paramref name="protocol"/> members (none for DL/T 645) come before the frame, so the order of a DL/T 645 line is what it was.</summary>
    private JsonObject Line(string port, string direction, ReadOnlySpan<byte> wire, LinkFrameMeaning meaning, (string Name, string? Value)[] protocol)
    {
        var line = new JsonObject
        {
            ["time"] = Stamp(),
            ["port"] = port,
            ["dir"] = direction,
        };
        foreach (var (name, value) in protocol)
        {
            Add(line, name, value);
        }

        line["frame"] = Convert.ToHexString(wire);
        line["address"] = meaning.Address;
        line["control"] = meaning.Control;
        line["function"] = meaning.Function;
        Add(line, "di", meaning.DataIdentifier);
        Add(line, "item", meaning.Item);
        Add(line, "value", meaning.Value);
        Add(line, "error", meaning.Error);
        return line;
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
