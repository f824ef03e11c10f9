using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// Every answer says how long the console took over it (<c>Server-Timing: app;dur=12.3</c>, milliseconds, the W3C header a
/// browser's developer tools show): the server's own time, without the network's, which the load run quotes. Only to a
/// signed-in operator: an anonymous answer (the sign-in page) does not time itself for whoever asks.
/// </summary>
internal static class ServerTiming
{
    public static async Task Add(HttpContext context, Func<Task> next)
    {
        var started = Stopwatch.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                return Task.CompletedTask;
            }

            var milliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            context.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"app;dur={milliseconds:0.0}");
            return Task.CompletedTask;
        });
        await next();
    }
}
