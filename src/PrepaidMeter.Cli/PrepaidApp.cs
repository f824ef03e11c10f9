using System.CommandLine;
using PrepaidMeter.Cli.Commands;
using PrepaidMeter.Cli.Failures;

namespace PrepaidMeter.Cli;

/// <summary>The `prepaid` command tree. Runs in process so tests drive it exactly as a shell does.</summary>
public static class PrepaidApp
{
    /// <summary>Shown by every command: logs at Debug on stderr.</summary>
    internal static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log what happens (to stderr)",
        Recursive = true,
    };

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("prepaid — a lab tool for IC-card prepaid energy meters: card codec, virtual meter, vending back office")
        {
            Verbose,
            CardCommands.Build(),
            MeterCommands.Build(),
            LinkCommands.Build(),
            Commands.Vend.VendCommands.Build(),
            Commands.Reports.ReportCommands.Build(),
            LabCommands.Build(),
            CertifyCommand.Build(),
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
        var parse = BuildRoot().Parse(args);
        if (UsageErrors.Of(parse) is { Count: > 0 } mistakes)
        {
            foreach (var mistake in mistakes)
            {
                TryWriteLine(error, $"prepaid: {mistake}");
            }

            TryWriteLine(error, UsageErrors.Hint(parse));
            return ExitCodes.Usage;
        }

        // Our own handler instead of System.CommandLine's: its handler prints a stack trace for an I/O failure too.
        var configuration = new InvocationConfiguration { Output = new StandardOutputWriter(output), Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parse.InvokeAsync(configuration);
        }
        catch (Exception e) when (IoFailure.Of(e, parse) is { } failure)
        {
            return Report(error, failure);
        }
        catch (OperationCanceledException)
        {
            // As System.CommandLine's handler did: a cancelled command exits 1 and says nothing.
            return 1;
        }
        catch (Exception e)
        {
            // A bug: reported as System.CommandLine's handler reported one, stack trace and all, exit 1.
            TryWriteLine(error, $"Unhandled exception: {e}");
            return 1;
        }
    }

    /// <summary>
    /// Runs a command body with its context, turning the failures a user can cause into exit codes. Every command
    /// runs in here, so here is where an I/O failure becomes one line (<see cref="IoFailure"/>); standard output is
    /// flushed inside, so a failure to write it is reported like any other.
    /// </summary>
    internal static async Task<int> Guarded(ParseResult parse, Func<CommandContext, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var context = CommandContext.Create(parse, parse.GetValue(Verbose));
        try
        {
            var exitCode = await body(context);
            await context.Output.FlushAsync();
            return exitCode;
        }
        catch (Exception e) when (IoFailure.Of(e, parse) is { } failure)
        {
            return Report(context.Error, failure);
        }
    }

    internal static Task<int> Guarded(ParseResult parse, Func<CommandContext, int> body) =>
        Guarded(parse, context => Task.FromResult(body(context)));

    private static int Report(TextWriter error, IoFailure failure)
    {
        TryWriteLine(error, $"prepaid: {failure.Message}");
        return failure.ExitCode;
    }

    // When stderr itself cannot be written there is no one left to tell; the exit code still says it.
    private static void TryWriteLine(TextWriter error, string line)
    {
        try
        {
            error.WriteLine(line);
        }
        catch (Exception e) when (PathIo.IsIo(e))
        {
        }
    }
}
