namespace PrepaidMeter.Web.Tests.Console;

/// <summary>Reads a server-sent event stream with HttpClient until the server closes it, bounded: a stream that never ends fails its test.</summary>
internal static class LabEventReader
{
    // Generous: a certification takes 4-6 s alone, more on a 2-core CI machine running other test classes beside it.
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public readonly record struct Event(string Name, string? Id, string Data);

    public static async Task<List<Event>> ReadToEndAsync(HttpClient http, string path)
    {
        using var limit = new CancellationTokenSource(Limit);
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, limit.Token);
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(limit.Token));
        var events = new List<Event>();
        string? name = null, id = null, data = null;
        while (await reader.ReadLineAsync(limit.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null && data is not null)
                {
                    events.Add(new(name, id, data));
                }

                name = id = data = null;
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line["id: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
        }

        return events;
    }
}
