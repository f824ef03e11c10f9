using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

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
        response.ContentType = "text/event-stream; charset=utf-8";
        // nginx, the reverse proxy docs/web.md suggests, buffers what it forwards unless told not to: displays would come late.
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
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
                    await SendAsync(response, "display", display.ToJson(), stop);
                    shown = display;
                    quietSince = time.GetTimestamp();
                }

                if (reading.Problem != said)
                {
                    await SendAsync(response, "problem", reading.Problem ?? "", stop);
                    said = reading.Problem;
                    quietSince = time.GetTimestamp();
                }

                if (time.GetElapsedTime(quietSince) >= KeepAliveEvery)
                {
                    await WriteAsync(response, ": still here\n\n", stop);
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

    private static Task SendAsync(HttpResponse response, string name, string data, CancellationToken stop) =>
        // One data line: the JSON has no line breaks, and a problem's sentence none either (they are folded to be sure).
        WriteAsync(response, $"event: {name}\ndata: {data.ReplaceLineEndings(" ")}\n\n", stop);

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken stop)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), stop);
        await response.Body.FlushAsync(stop);
    }
}
