using System.CommandLine;

namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>The commands the CLI exposes under `prepaid vend` and `prepaid report`, read from its own command tree.</summary>
internal static class CommandTree
{
    /// <summary>Every command that runs something, as its path ("vend site show", "report daily").</summary>
    public static IReadOnlyList<string> Leaves()
    {
        var leaves = new List<string>();
        foreach (var top in PrepaidApp.BuildRoot().Subcommands.Where(c => c.Name is "vend" or "report"))
        {
            Walk(top, top.Name, leaves);
        }

        return leaves;
    }

    /// <summary>The command a table row names: its words without the options that pick a variant ("vend recover --list" is "vend recover").</summary>
    public static string LeafOf(string row) => string.Join(' ', row.Split(' ').Where(word => !word.StartsWith("--", StringComparison.Ordinal)));

    private static void Walk(Command command, string path, List<string> leaves)
    {
        // A group with an action of its own would be a command too; today every action sits on a leaf.
        if (command.Action is not null || command.Subcommands.Count == 0)
        {
            leaves.Add(path);
        }

        foreach (var sub in command.Subcommands)
        {
            Walk(sub, $"{path} {sub.Name}", leaves);
        }
    }
}
