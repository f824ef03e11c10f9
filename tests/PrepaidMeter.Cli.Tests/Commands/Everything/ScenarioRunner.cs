using System.Text.RegularExpressions;
using PrepaidMeter.Cli.Failures;

namespace PrepaidMeter.Cli.Tests.Commands.Everything;

/// <summary>What one role's run checked: each command row against the table's cell, on which store.</summary>
internal sealed record RoleCheck(string Row, string Cell);

/// <summary>
/// Plays the scenario as one role of the permission table: every command as that role's operator, expecting what
/// its cell says — allowed: exit 0, no stack trace, the step's own output; refused: exit 2 and the one line
/// "prepaid: operator 'LOGIN' (role ROLE) may not use 'FUNCTION'" naming a function of its row; no login: run with
/// no operator at all, exit 0. A refused step later steps depend on is then done by the administrator, so the
/// role's next command meets the books it would have met.
/// </summary>
internal static class ScenarioRunner
{
    public static async Task<IReadOnlyList<RoleCheck>> PlayAs(Books books, string role, IReadOnlyDictionary<string, PermissionRow> table)
    {
        var login = Operators.LoginOf(role);
        var checks = new List<RoleCheck>();
        foreach (var move in Scenario.Moves)
        {
            if (move is SetUp setUp)
            {
                await setUp.Do(books);
                continue;
            }

            var step = (CliStep)move;
            var row = table.GetValueOrDefault(step.Row).ShouldNotBeNull($"{step} has no row in the permission table of docs/vending.md");
            var cell = row.Cells[role];
            checks.Add(new RoleCheck(step.Row, cell));
            if (row.NoLogin)
            {
                Succeeded(books, step, await Run(books, step, null, allowed: true), $"{step} with no operator");
            }
            else if (cell == PermissionRow.Allowed)
            {
                Succeeded(books, step, await Run(books, step, login, allowed: true), $"{step} as {role}");
            }
            else
            {
                Refused(await Run(books, step, login, allowed: false), row, step, login, role);
                if (step.Keeps)
                {
                    await DoAnyway(books, step);
                }
            }
        }

        return checks;
    }

    private static Task<Outcome> Run(Books books, CliStep step, string? login, bool allowed) =>
        step.RunsAs is { } runs ? runs(books, step, login ?? Operators.Admin, allowed) : books.Run(login, step);

    private static void Succeeded(Books books, CliStep step, Outcome outcome, string what)
    {
        outcome.HasStackTrace.ShouldBeFalse($"{what}: a stack trace — {outcome}");
        outcome.Exit.ShouldBe(0, $"{what} must succeed: {outcome}");
        if (step.Shows is { } shown)
        {
            outcome.Out.ShouldContain(books.Resolve(shown), customMessage: $"{what}: {outcome}");
        }

        step.Capture?.Invoke(books, outcome.Out);
    }

    private static void Refused(Outcome outcome, PermissionRow row, CliStep step, string login, string role)
    {
        var what = $"{step} as {role} must be refused for want of {string.Join(" or ", row.Functions)}";
        outcome.HasStackTrace.ShouldBeFalse($"{what}: a stack trace — {outcome}");
        outcome.Exit.ShouldBe(ExitCodes.Refused, $"{what}: {outcome}");
        var line = outcome.Err.TrimEnd('\n');
        line.ShouldNotContain("\n", customMessage: $"{what}: one line on stderr — {outcome}");
        var refusal = Regex.Match(line, $"^prepaid: operator '{login}' \\(role {role}\\) may not use '([a-z-]+)'$");
        refusal.Success.ShouldBeTrue($"{what}: {outcome}");
        row.Functions.ShouldContain(refusal.Groups[1].Value, $"{what}: it names '{refusal.Groups[1].Value}', which the table does not list for it");
        outcome.Out.ShouldBeEmpty($"{what}: nothing on stdout — {outcome}");
    }

    private static async Task DoAnyway(Books books, CliStep step)
    {
        if (step.Instead is { } instead)
        {
            await instead(books);
            return;
        }

        Succeeded(books, step, await Run(books, step, Operators.Admin, allowed: true), $"{step} as the administrator, after the role was refused");
    }
}
