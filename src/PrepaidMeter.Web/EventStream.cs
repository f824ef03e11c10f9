using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace PrepaidMeter.Web;

/// <summary>
/// The console's server-sent events (text/event-stream), as the lab run's and the meter display's streams write them: each
/// event or comment sent the moment it is written, through any proxy.
/// </summary>
internal static class EventStream
{
    /// <summary>Makes <paramref name="response"/> an event stream that is never held back.</summary>
    public static void Begin(HttpResponse response)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        // nginx, the reverse proxy docs/web.md suggests, buffers what it forwards unless told not to: events would come in bursts.
        response.Headers["X-Accel-Buffering"] = "no";
        // Each event goes out as it is written, not when a buffer fills.
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    /// <summary>
    /// One event: its <paramref name="id"/> when it has one (a reconnecting browser sends the last as Last-Event-ID), its name and
    /// one data line — line breaks in <paramref name="data"/> are folded to spaces (JSON written unindented has none).
    /// </summary>
    public static Task SendAsync(HttpResponse response, string name, string data, CancellationToken cancel, string? id = null)
    {
        var text = new StringBuilder();
        if (id is not null)
        {
            text.Append("id: ").Append(id).Append('\n');
        }

        text.Append("event: ").Append(name).Append("\ndata: ").Append(data.ReplaceLineEndings(" ")).Append("\n\n");
        return WriteAsync(response, text.ToString(), cancel);
    }

    /// <summary>A comment line (ignored by the browser): keeps a quiet stream alive through proxies, and finds a browser gone.</summary>
    public static Task CommentAsync(HttpResponse response, string comment, CancellationToken cancel) =>
        WriteAsync(response, $": {comment}\n\n", cancel);

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancel)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancel);
        await response.Body.FlushAsync(cancel);
    }
}
