using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Cli.Commands.Lab;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Cli.Printing;
using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using Spectre.Console;

namespace PrepaidMeter.Cli.Commands.Demo;

/// <summary>
/// `prepaid demo`: the first command of the quick start. It plays the shipped demo stories — a household's
/// month at the counter and at its electricity meter, the household next door's on a prepaid water meter, and
/// one two doors down on a keypad STS meter buying tokens — on a temporary SQLite file, virtual meters and an
/// in-memory reader, prints what happened step by step, and writes one HTML report with the credit charts.
/// Nothing to install beyond the .NET SDK; it takes seconds.
/// </summary>
internal static class DemoCommand
{
    public const string StoryName = "demo-story";

    /// <summary>The water household beside the electricity one (issue 25): played after it.</summary>
    public const string WaterStoryName = "demo-water-story";

    /// <summary>The keypad token household (issue 28): tokens sold at the counter and typed in at an STS meter.</summary>
    public const string TokenStoryName = "demo-token-story";

    public static Command Build()
    {
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the HTML report and charts (default: a new folder in the temporary directory)" };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of a table" };
        var command = new Command("demo", "Play a household's month — sales, swipes, alarms, a trip, overdraft, a reissue, a meter change — its neighbour's on a water meter and a keypad token household's, and write a report") { output, json };
        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            var results = new List<ScenarioResult>();
            foreach (var name in (string[])[StoryName, WaterStoryName, TokenStoryName])
            {
                var story = ScenarioLibrary.All.Single(s => s.Name == name);
                await using var target = new VirtualTarget();
                results.Add(await ScenarioRunner.RunAsync(story, target));
            }

            if (parse.GetValue(json))
            {
                context.Output.WriteLine(ResultJson.Write(results));
            }
            else
            {
                var console = Consoles.Plain(context.Output);
                foreach (var played in results)
                {
                    console.WriteLine(played.Scenario.Description);
                    console.WriteLine(played.Scenario.Model.TakesCards
                        ? $"Model {played.Scenario.Model.Id}, back office on a temporary SQLite file, cards through an in-memory reader."
                        : $"Model {played.Scenario.Model.Id}, back office on a temporary SQLite file, tokens typed at the meter's keypad.");
                    LabTables.Steps(console, played);
                }
            }

            var folder = parse.GetValue(output)
                ?? Path.Combine(Path.GetTempPath(), "prepaid-demo-" + context.Time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            var page = PathIo.Writing(folder, () => HtmlReport.Write(folder, "PrepaidMeter demo — a household's month, its neighbour's water, and a keypad token household", results, context.Time.GetUtcNow()));
            var passed = results.All(r => r.Passed);
            var verdict = passed
                ? $"{results.Sum(r => r.Steps.Count)} steps in {results.Sum(r => r.WallTime.TotalSeconds):0.0} s; every expectation held."
                : $"{results.Sum(r => r.Failures.Count())} step(s) did not go as the stories expect: see the tables.";
            context.Error.WriteLine($"{verdict} Report: {page}");
            return passed ? ExitCodes.Success : ExitCodes.Refused;
        }));
        return command;
    }
}
