using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// How long a live stream of the console (a lab run's events, a meter's display) may go on: until the browser leaves, the
/// console stops, or the operator's session stands no longer. Every request checks the session when it starts; a stream is one
/// request that lasts, so it is checked again every <see cref="WebConsoleOptions.StreamRecheck"/> (15 s) — an operator
/// disabled, given another role or signed out elsewhere stops receiving within that time.
/// </summary>
internal sealed class StreamLease : IDisposable
{
    private readonly CancellationTokenSource _end;

    private StreamLease(CancellationTokenSource end) => _end = end;

    /// <summary>Cancelled when the stream must end.</summary>
    public CancellationToken Token => _end.Token;

    public static StreamLease For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.RequestServices;
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var lease = new StreamLease(CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping));
        var session = context.User.FindFirst(SignedInOperators.SessionClaim)?.Value;
        var options = services.GetRequiredService<WebConsoleOptions>();
        _ = lease.WatchAsync(session, services.GetRequiredService<SignedInOperators>(), options, services.GetRequiredService<TimeProvider>());
        return lease;
    }

    public void Dispose()
    {
        _end.Cancel();
        _end.Dispose();
    }

    private async Task WatchAsync(string? session, SignedInOperators operators, WebConsoleOptions options, TimeProvider time)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.StreamRecheck, time, _end.Token);
                // The check every request's sign-in makes (WebConsole's OnValidatePrincipal).
                if (operators.Find(session) is not { } signedIn || !options.Office.Operators.IsCurrent(signedIn))
                {
                    _end.Cancel();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended first.
        }
        catch (ObjectDisposedException)
        {
            // The stream ended while the session was being checked.
        }
    }
}
