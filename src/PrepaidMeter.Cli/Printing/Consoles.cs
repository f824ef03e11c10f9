using Spectre.Console;

namespace PrepaidMeter.Cli.Printing;

/// <summary>Spectre.Console on a command's writer: tables for people, no ANSI codes, so pipes and tests read plain text.</summary>
internal static class Consoles
{
    /// <summary>A console writing to <paramref name="output"/>, at least 160 columns wide (lab tables, reports).</summary>
    public static IAnsiConsole Plain(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        console.Profile.Width = Math.Max(console.Profile.Width, 160);
        return console;
    }
}
