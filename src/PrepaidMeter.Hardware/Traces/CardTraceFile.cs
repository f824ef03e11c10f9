using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace PrepaidMeter.Hardware.Traces;

/// <summary>A trace read back: its exchanges in order, or what is wrong with it, by line.</summary>
public sealed record CardTraceReadResult(IReadOnlyList<ApduExchange> Exchanges, string? Problem)
{
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Success => Problem is null;
}

/// <summary>Reads a trace written as JSON Lines (docs/card-media.md, "Traces"); blank lines are skipped.</summary>
public static class CardTraceFile
{
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CardTraceReadResult Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static CardTraceReadResult Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var exchanges = new List<ApduExchange>();
        var number = 0;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parsed = Parse(line);
            if (parsed.Problem is { } problem)
            {
                return new([], $"line {number}: {problem}");
            }

            exchanges.Add(parsed.Exchange!);
        }

        return new(exchanges, null);
    }

    private static (ApduExchange? Exchange, string? Problem) Parse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return (null, $"not JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "not a JSON object");
            }

            try
            {
                var time = DateTimeOffset.ParseExact(Text(root, "time"), TraceJson.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                var side = Text(root, "side") switch
                {
                    "reader" => TraceSide.Reader,
                    "card" => TraceSide.Card,
                    var other => throw new FormatException($"'side' is '{other}', not 'reader' or 'card'"),
                };
                var exchange = new ApduExchange(time, side, Text(root, "reader"), Number(root, "session"), Hex(root, "command"), Hex(root, "response"),
                    TimeSpan.FromMilliseconds(root.TryGetProperty("ms", out var ms) && ms.ValueKind == JsonValueKind.Number ? ms.GetDouble() : throw Missing("ms", "a number")))
                {
                    Atr = root.TryGetProperty("atr", out _) ? Hex(root, "atr") : null,
                    Card = root.TryGetProperty("medium", out _)
                        ? new CardState(Text(root, "medium"), root.TryGetProperty("unlocked", out var u) && u.ValueKind is JsonValueKind.True,
                            root.TryGetProperty("errorCounter", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetByte() : null)
                        : null,
                    Error = root.TryGetProperty("error", out _) ? Text(root, "error") : null,
                };
                return exchange.Command.Length == 0 ? (null, "'command' is empty") : (exchange, null);
            }
            catch (FormatException e)
            {
                return (null, e.Message);
            }
        }
    }

    private static FormatException Missing(string name, string what) => new($"'{name}' must be {what}");

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Missing(name, "a string");

    private static int Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n > 0 ? n : throw Missing(name, "a whole number from 1");

    private static byte[] Hex(JsonElement root, string name)
    {
        var text = Text(root, name);
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            throw new FormatException($"'{name}' is not hex: '{text}'");
        }
    }
}
