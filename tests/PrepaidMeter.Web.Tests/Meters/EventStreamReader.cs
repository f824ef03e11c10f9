namespace PrepaidMeter.Web.Tests.Meters;

/// <summary>Reads server-sent events from a response body as a browser's EventSource does: event name, data, blank line; comments skipped.</summary>
internal sealed class EventStreamReader(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body);

    /// <summary>The next event named <paramref name="name"/>'s data, skipping others; fails the test after <paramref name="within"/>.</summary>
    public async Task<string> NextAsync(string name, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        var current = "message";
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException($"the stream ended before an event '{name}'");
            if (line.Length == 0)
            {
                if (current == name && data.Count > 0)
                {
                    return string.Join('\n', data);
                }

                (current, data) = ("message", []);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                current = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Add(line["data: ".Length..]);
            }
            else if (line == "data:")
            {
                data.Add("");
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
