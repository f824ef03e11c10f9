using System.CommandLine;
using PrepaidMeter.Cli.Failures;

namespace PrepaidMeter.Cli.Hosting;

/// <summary>
/// The room every command runs in (the command rooms use it; it uses only Failures). A command body gets its
/// <see cref="CommandContext"/> here, and here the failures a user can cause become exit codes.
/// </summary>
internal static class CommandRun
{
    /// <summary>Shown by every command: logs at Debug on stderr.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log what happens (to stderr)",
        Recursive = true,
    };

    /// <summary>
    /// Runs a command body with its context, turning the failures a user can cause into exit codes. Every command
    /// runs in here, so here is where an I/O failure becomes one line (<see cref="IoFailure"/>); standard output is
    /// flushed inside, so a failure to write it is reported like any other.
    /// </summary>
    public static async Task<int> Guarded(ParseResult parse, Func<CommandContext, Task<int>> body)
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

    public static Task<int> Guarded(ParseResult parse, Func<CommandContext, int> body) =>
        Guarded(parse, context => Task.FromResult(body(context)));

    /// <summary>Says an I/O failure in one line and returns its exit code.</summary>
    public static int Report(TextWriter error, IoFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        TryWriteLine(error, $"prepaid: {failure.Message}");
        return failure.ExitCode;
    }

    /// <summary>When stderr itself cannot be written there is no one left to tell; the exit code still says it.</summary>
    public static void TryWriteLine(TextWriter error, string line)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            error.WriteLine(line);
        }
        catch (Exception e) when (PathIo.IsIo(e))
        {
        }
    }
}
