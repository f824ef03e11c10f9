using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PrepaidMeter.Cli.Failures;
using Serilog;
using Serilog.Events;

namespace PrepaidMeter.Cli.Hosting;

/// <summary>
/// What a running command has: where results go (stdout), where refusals go (stderr), the clock,
/// and a logger. Logs go through Serilog to stderr, so stdout stays clean for results and pipes.
/// Output is the run's <see cref="StandardOutputWriter"/> (PrepaidApp.RunAsync makes it): a failed write says so.
/// </summary>
internal sealed class CommandContext : IAsyncDisposable
{
    private readonly IHost _host;

    private CommandContext(IHost host, TextWriter output, TextWriter error)
    {
        _host = host;
        Output = output;
        Error = error;
        Time = CliHooks.Current?.Time ?? TimeProvider.System;
        Logger = ((ILoggerFactory)host.Services.GetService(typeof(ILoggerFactory))!).CreateLogger("prepaid");
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public TimeProvider Time { get; }

    public Microsoft.Extensions.Logging.ILogger Logger { get; }

    public static CommandContext Create(ParseResult parse, bool verbose)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSerilog(log => log
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Warning)
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: System.Globalization.CultureInfo.InvariantCulture));
        var host = builder.Build();
        return new CommandContext(host, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
    }

    /// <summary>Writes one line to stderr and returns the exit code, so refusals read the same everywhere.</summary>
    public int Fail(int exitCode, string message)
    {
        Error.WriteLine($"prepaid: {message}");
        return exitCode;
    }

    /// <summary>An I/O failure a command found itself (a folder where its input file should be), said as the guard says the others.</summary>
    public int Fail(IoFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Fail(failure.ExitCode, failure.Message);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
