using System.Globalization;
using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using Spectre.Console;

namespace PrepaidMeter.Cli.Commands.Lab;

/// <summary>Scenario results as console tables (Spectre.Console): `lab run` and `demo` print the same way.</summary>
internal static class LabTables
{
    /// <summary>One row a scenario; then the steps of each failed scenario (of every scenario with <paramref name="allSteps"/>).</summary>
    public static void Summary(IAnsiConsole console, IReadOnlyList<ScenarioResult> results, bool allSteps)
    {
        var table = new Table().AddColumns("scenario", "model", "target", "steps", "result", "ms");
        foreach (var result in results)
        {
            table.AddRow(Markup.Escape(result.Scenario.Name), Markup.Escape(result.Scenario.Model.Id), result.Target,
                result.Steps.Count.ToString(CultureInfo.InvariantCulture), result.Passed ? "passed" : $"FAILED ({result.Failures.Count()} steps)",
                result.WallTime.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        foreach (var result in results.Where(r => allSteps || !r.Passed))
        {
            console.WriteLine();
            console.WriteLine($"{result.Scenario.Name} ({result.Scenario.Source}):");
            Steps(console, result);
            foreach (var failure in JUnitReport.Failures(result))
            {
                console.WriteLine("  FAILED " + failure);
            }
        }

        var failed = results.Count(r => !r.Passed);
        console.WriteLine(failed == 0 ? $"{results.Count} scenario(s) played; every expectation held." : $"{failed} of {results.Count} scenario(s) failed.");
    }

    /// <summary>Every step: what happened, the meter after it, and the checks.</summary>
    public static void Steps(IAnsiConsole console, ScenarioResult result)
    {
        var table = new Table().AddColumns("#", "time (UTC)", "step", "what happened", "meter after", "checks");
        foreach (var step in result.Steps)
        {
            var checks = step.Checks.Select(c => (c.Passed ? "ok " : "FAIL ") + c);
            if (step.Problem is { } problem)
            {
                checks = checks.Prepend("FAIL " + problem);
            }

            table.AddRow(step.Step.Number.ToString(CultureInfo.InvariantCulture), step.At.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture),
                StepKinds.NameOf(step.Step.Kind), Markup.Escape(step.Summary),
                Markup.Escape($"{step.Meter.Remaining}, {step.Meter.SupplyText}"), Markup.Escape(string.Join("\n", checks)));
        }

        console.Write(table);
    }
}
