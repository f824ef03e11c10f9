using Microsoft.AspNetCore.Http;

namespace PrepaidMeter.Web.Meters;

/// <summary>
/// The meter display's live stream (server-sent events, <c>text/event-stream</c>): the display at once, then again each time
/// the meter's file changes into another display — <c>event: display</c>, data <see cref="MeterDisplay.ToJson"/> — and
/// <c>event: problem</c> (its data the sentence, or empty once the file reads again) when the file cannot be read. It ends
/// when the browser goes away or the console stops.
/// </summary>
internal static class DisplayStream
{
    /// <summary>The longest the stream goes without looking at the file, whatever the watcher says.</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(2);

    /// <summary>A comment line this often while nothing changes: a browser gone without a word is found by the write failing.</summary>
    public static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(HttpResponse response, MeterShelf shelf, string path, TimeProvider time, CancellationToken stop)
    {
        EventStream.Begin(response);
        using var changes = new FileChanges(path);
        MeterDisplay? shown = null;
        string? said = null;
        var quietSince = time.GetTimestamp();
        try
        {
            await response.Body.FlushAsync(stop);
            while (!stop.IsCancellationRequested)
            {
                var reading = await shelf.ReadAsync(path, stop);
                if (reading.Display is { } display && display != shown)
                {
                    await EventStream.SendAsync(response, "display", display.ToJson(), stop);
                    shown = display;
                    quietSince = time.GetTimestamp();
                }

                if (reading.Problem != said)
                {
                    await EventStream.SendAsync(response, "problem", reading.Problem ?? "", stop);
                    said = reading.Problem;
                    quietSince = time.GetTimestamp();
                }

                if (time.GetElapsedTime(quietSince) >= KeepAliveEvery)
                {
                    await EventStream.CommentAsync(response, "still here", stop);
                    quietSince = time.GetTimestamp();
                }

                await changes.WaitAsync(PollEvery, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The browser went away or the console is stopping: the stream simply ends.
        }
        catch (IOException) when (response.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The write found the connection closed.
        }
    }
}
