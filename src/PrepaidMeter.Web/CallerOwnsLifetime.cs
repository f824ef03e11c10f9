using Microsoft.Extensions.Hosting;

namespace PrepaidMeter.Web;

/// <summary>
/// The host lifetime of a web application whose caller owns the process: `prepaid web` and `vend payments serve` stop on
/// their own Ctrl-C/SIGTERM handler (the CLI's StopSignal), and tests host the applications inside the test runner. The
/// default console lifetime would install a second, process-wide set of signal handlers (and hold process exit) beside
/// the caller's; this one installs none — starting and stopping are the caller's StartAsync and StopAsync.
/// </summary>
internal sealed class CallerOwnsLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
