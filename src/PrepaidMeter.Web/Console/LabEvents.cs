using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// A lab run's progress as server-sent events (text/event-stream): one <c>result</c> event per finished scenario or clause
/// (<c>id:</c> its number, so a reconnecting browser's Last-Event-ID resumes after it), then one <c>end</c> event, and the
/// stream closes. A client that comes after the run ended gets every result and the end at once. While nothing changes a
/// comment line goes out every <see cref="KeepAlive"/>, so a proxy does not drop a run that is waiting its turn.
/// </summary>
internal static class LabEvents
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    private static readonly JsonSerializerOptions Camel = new(JsonSerializerDefaults.Web);

    /// <summary>Streams <paramref name="run"/> from after result number <paramref name="after"/> until its end or the lease's (<see cref="StreamLease"/>).</summary>
    public static async Task StreamAsync(HttpContext context, LabRun run, int after, TimeProvider time)
    {
        var response = context.Response;
        using var lease = StreamLease.For(context);
        var cancel = lease.Token;
        EventStream.Begin(response);
        var sent = Math.Max(0, after);
        try
        {
            while (true)
            {
                var now = run.Progress;
                foreach (var item in now.Done.Skip(sent))
                {
                    await EventStream.SendAsync(response, "result", JsonSerializer.Serialize(item, Camel), cancel, item.Number.ToString(CultureInfo.InvariantCulture));
                    sent = item.Number;
                }

                if (now.IsOver)
                {
                    var end = new { state = now.State.ToString().ToLowerInvariant(), passed = now.Passed, fault = now.Fault, results = now.Done.Count };
                    await EventStream.SendAsync(response, "end", JsonSerializer.Serialize(end, Camel), cancel);
                    return;
                }

                await response.Body.FlushAsync(cancel);
                try
                {
                    await run.NextChangeAsync(now, cancel).WaitAsync(KeepAlive, time, cancel);
                }
                catch (TimeoutException)
                {
                    await EventStream.CommentAsync(response, "still working", cancel);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The browser went away (a page closed mid-run), the console is stopping, or the session ended: the run goes on
            // without this stream (a browser still there reconnects through the sign-in gate, from its Last-Event-ID).
        }
    }
}
