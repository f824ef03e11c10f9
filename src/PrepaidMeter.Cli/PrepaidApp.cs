using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Cli.Commands.Cards;
using PrepaidMeter.Cli.Commands.Demo;
using PrepaidMeter.Cli.Commands.Files;
using PrepaidMeter.Cli.Commands.Lab;
using PrepaidMeter.Cli.Commands.Link;
using PrepaidMeter.Cli.Commands.Meter;
using PrepaidMeter.Cli.Commands.Reports;
using PrepaidMeter.Cli.Commands.Vend;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;

namespace PrepaidMeter.Cli;

/// <summary>
/// The `prepaid` command tree. Runs in process so tests drive it exactly as a shell does. The root room: it
/// puts the command rooms (Commands/*) together and runs a command line; nothing below it uses it.
/// </summary>
public static class PrepaidApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("prepaid — a lab tool for IC-card prepaid energy meters: card codec, virtual meter, vending back office")
        {
            CommandRun.Verbose,
            CardCommands.Build(),
            MeterCommands.Build(),
            LinkCommands.Build(),
            VendCommands.Build(),
            ReportCommands.Build(),
            Commands.Web.WebCommand.Build(),
            Commands.Tokens.TokenCommands.Build(),
            LabCommands.Build(),
            CertifyCommand.Build(),
            FileCheckCommand.Layouts(),
            FileCheckCommand.Models(),
            DemoCommand.Build(),
        };
        return root;
    }

    /// <summary>Runs `prepaid` with a test host's <paramref name="hooks"/> installed (<see cref="CliHooks"/>).</summary>
    internal static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CliHooks hooks) =>
        hooks.Around(() => RunAsync(args, output, error));

    /// <summary>
    /// Parses and runs one command line. A wrong command line exits 1 with the mistake named first (<see cref="UsageErrors"/>);
    /// an I/O failure anywhere — in a command, or writing help — exits 2 or 3 with one line (<see cref="IoFailure"/>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        // Output and files are the same whatever the user's LANG says (zh_CN, de_DE, ...): the CLI always formatted in the
        // invariant culture, and still does now that the host has ICU for the web console's languages. Set for this run's
        // flow only (an async method's change does not leak to its caller); the web console sets each request's culture itself.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        var parse = BuildRoot().Parse(args);
        if (UsageErrors.Of(parse) is { Count: > 0 } mistakes)
        {
            foreach (var mistake in mistakes)
            {
                CommandRun.TryWriteLine(error, $"prepaid: {mistake}");
            }

            CommandRun.TryWriteLine(error, UsageErrors.Hint(parse));
            return ExitCodes.Usage;
        }

        // Our own handler instead of System.CommandLine's: its handler prints a stack trace for an I/O failure too.
        // And no signal handling of its own (ProcessTerminationTimeout null): it registers SIGINT/SIGTERM beside the
        // long-running commands' own (StopSignal; `meter run`'s host, its console lifetime), and when the runtime called its
        // handler first (the order of a hash set), that handler held the signal thread two seconds waiting for a command that
        // never watches its token, then ended the run with 143 before the command's handler, called after it, could stop
        // the server (the PaymentServeTests flake; half of 100 runs failed so, none of 100 after). The commands that run
        // until stopped own Ctrl-C and SIGTERM; every other command ends at once on them, as the runtime does (System.CommandLine's
        // two seconds of grace let a quick command finish and cut a slower one off all the same), and a sale cut short is put
        // right by `vend recover`.
        var configuration = new InvocationConfiguration
        {
            Output = new StandardOutputWriter(output), Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(configuration);
        }
        catch (Exception e) when (IoFailure.Of(e, parse) is { } failure)
        {
            return CommandRun.Report(error, failure);
        }
        catch (OperationCanceledException)
        {
            // As System.CommandLine's handler did: a cancelled command exits 1 and says nothing.
            return 1;
        }
        catch (Exception e)
        {
            // A bug: reported as System.CommandLine's handler reported one, stack trace and all, exit 1.
            CommandRun.TryWriteLine(error, $"Unhandled exception: {e}");
            return 1;
        }
    }
}
