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
/// `prepaid demo`: the first command of the quick start. It plays the shipped demo story — a household's
/// month at the counter and at the meter — on a temporary SQLite file, the virtual meter and an
/// in-memory reader, prints what happened step by step, and writes an HTML report with the credit chart.
/// Nothing to install beyond the .NET SDK; it takes seconds.
/// </summary>
internal static class DemoCommand
{
    public const string StoryName = "demo-story";

    public static Command Build()
    {
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the HTML report and charts (default: a new folder in the temporary directory)" };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of a table" };
        var command = new Command("demo", "Play a household's month — sales, swipes, alarms, a trip, overdraft, a reissue, a meter change — and write a report") { output, json };
        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            var story = ScenarioLibrary.All.Single(s => s.Name == StoryName);
            ScenarioResult result;
            await using (var target = new VirtualTarget())
            {
                result = await ScenarioRunner.RunAsync(story, target);
            }

            if (parse.GetValue(json))
            {
                context.Output.WriteLine(ResultJson.Write([result]));
            }
            else
            {
                var console = Consoles.Plain(context.Output);
                console.WriteLine(story.Description);
                console.WriteLine($"Model {story.Model.Id}, back office on a temporary SQLite file, cards through an in-memory reader.");
                LabTables.Steps(console, result);
            }

            var folder = parse.GetValue(output)
                ?? Path.Combine(Path.GetTempPath(), "prepaid-demo-" + context.Time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
            var page = PathIo.Writing(folder, () => HtmlReport.Write(folder, "PrepaidMeter demo — a household's month", [result], context.Time.GetUtcNow()));
            var verdict = result.Passed
                ? $"{result.Steps.Count} steps in {result.WallTime.TotalSeconds:0.0} s; every expectation held."
                : $"{result.Failures.Count()} step(s) did not go as the story expects: see the table.";
            context.Error.WriteLine($"{verdict} Report: {page}");
            return result.Passed ? ExitCodes.Success : ExitCodes.Refused;
        }));
        return command;
    }
}
