using System.CommandLine;
using PrepaidMeter.Cli.Commands;

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

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parse = BuildRoot().Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parse.InvokeAsync(configuration);
    }

    /// <summary>Runs a command body with its context, turning the failures a user can cause into exit codes.</summary>
    internal static async Task<int> Guarded(ParseResult parse, Func<CommandContext, Task<int>> body)
    {
        await using var context = CommandContext.Create(parse, parse.GetValue(Verbose));
        try
        {
            return await body(context);
        }
        catch (FileNotFoundException e)
        {
            return context.Fail(ExitCodes.Refused, $"no such file: {e.FileName}");
        }
        catch (DirectoryNotFoundException e)
        {
            return context.Fail(ExitCodes.Refused, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return context.Fail(ExitCodes.Refused, e.Message);
        }
    }

    internal static Task<int> Guarded(ParseResult parse, Func<CommandContext, int> body) =>
        Guarded(parse, context => Task.FromResult(body(context)));
}
