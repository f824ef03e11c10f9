using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>One row of docs/vending.md's permission table: a command, the functions it checks, and each role's cell.</summary>
/// <param name="Functions">What the operator's role must hold; empty for a command any operator may run.</param>
/// <param name="NoLogin">The command runs with no operator at all (init, the recovery code's unlock).</param>
internal sealed record PermissionRow(string Command, IReadOnlyList<string> Functions, bool NoLogin, IReadOnlyDictionary<string, string> Cells)
{
    public const string Allowed = "allowed";
    public const string Refused = "refused";
    public const string NoLoginCell = "no login";

    public bool Allows(string role) => Cells[role] == Allowed;
}

/// <summary>
/// The "## Permissions" table of docs/vending.md, read by the tests themselves so the doc and what they check
/// cannot drift apart: a column per role, a row per command (a variant such as `vend recover --list` its own row).
/// </summary>
internal static class PermissionTable
{
    /// <summary>The roles, as the table's columns name them: the site's three seed roles and a role made with `operator role clerk --functions sales,queries`.</summary>
    public static IReadOnlyList<string> Roles { get; } = ["administrator", "cashier", "auditor", "clerk"];

    public static string DocPath => Path.Combine(RepoPaths.Root, "docs", "vending.md");

    public static IReadOnlyDictionary<string, PermissionRow> Read() => Parse(File.ReadAllLines(DocPath));

    public static IReadOnlyDictionary<string, PermissionRow> Parse(IReadOnlyList<string> lines)
    {
        var start = lines.ToList().IndexOf("## Permissions");
        if (start < 0)
        {
            throw new InvalidOperationException("docs/vending.md has no '## Permissions' section");
        }

        var table = lines.Skip(start + 1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
            .SkipWhile(line => !line.StartsWith('|')).TakeWhile(line => line.StartsWith('|')).Select(Cells).ToList();
        string[] header = ["command", "function", .. Roles];
        if (table.Count < 3 || !table[0].SequenceEqual(header))
        {
            throw new InvalidOperationException($"the permission table's header must be | {string.Join(" | ", header)} |");
        }

        var rows = new Dictionary<string, PermissionRow>(StringComparer.Ordinal);
        foreach (var cells in table.Skip(2))
        {
            var row = Row(cells, header.Length);
            if (!rows.TryAdd(row.Command, row))
            {
                throw new InvalidOperationException($"the permission table has two rows for `{row.Command}`");
            }
        }

        return rows;
    }

    private static PermissionRow Row(string[] cells, int columns)
    {
        if (cells.Length != columns || cells[0].Length < 3 || cells[0][0] != '`' || cells[0][^1] != '`')
        {
            throw new InvalidOperationException($"a permission table row is | `command` | function | {string.Join(" | ", Roles)} |, not | {string.Join(" | ", cells)} |");
        }

        var command = cells[0].Trim('`');
        var roleCells = Roles.Select((role, i) => (role, cell: cells[i + 2])).ToDictionary(c => c.role, c => c.cell, StringComparer.Ordinal);
        if (roleCells.Values.FirstOrDefault(c => c is not (PermissionRow.Allowed or PermissionRow.Refused or PermissionRow.NoLoginCell)) is { } odd)
        {
            throw new InvalidOperationException($"`{command}`: a role's cell is allowed, refused or no login, not '{odd}'");
        }

        var noLogin = cells[1] == PermissionRow.NoLoginCell;
        var functions = noLogin || cells[1] == "any operator" ? [] : cells[1].Split('+').Select(f => f.Trim().Trim('`')).ToList();
        return new PermissionRow(command, functions, noLogin, roleCells);
    }

    private static string[] Cells(string line) => [.. line.Trim().Trim('|').Split('|').Select(cell => cell.Trim())];
}
