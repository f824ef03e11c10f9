using System.Text.Json;

namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>
/// The table of every `vend` and `report` command: one site's life in order, each command with the arguments and
/// the set-up it needs, so that each runs for real — the books set up, accounts sold to on card files a virtual
/// meter loads, a meter changed, the books audited, backed up and restored. Every command of the CLI has a row
/// here (a test reads the command tree to make sure), and each row is a row of docs/vending.md's permission table.
/// </summary>
internal static partial class Scenario
{
    public const string Group = "100001";

    /// <summary>The meter every account starts on, the one it changes to, and one retired from stock.</summary>
    public const string OldMeter = "12345678";

    public const string NewMeter = "87654321";

    public const string SpareMeter = "55555555";

    public static IReadOnlyList<Move> Moves { get; } = [.. Site(), .. SetUpBooks(), .. Counter(), .. Tokens(), .. Records()];

    /// <summary>Every command a step of the scenario checks, by its table row.</summary>
    public static IReadOnlyList<string> Rows => [.. Moves.OfType<CliStep>().Select(s => s.Row).Distinct()];

    /// <summary>Keeps a property of the JSON a command printed as {name} for later steps.</summary>
    private static Action<Books, string> Keep(string name, string property) => (books, output) =>
    {
        using var json = JsonDocument.Parse(output);
        var value = json.RootElement.GetProperty(property);
        books[name] = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    };

    private static Dictionary<string, string?> NewPassword(string password) => new(StringComparer.Ordinal) { ["PREPAID_NEW_PASSWORD"] = password };
}
