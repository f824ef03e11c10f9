using System.CommandLine;
using PrepaidMeter.Cli.Commands.Files;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Cli.Printing;
using PrepaidMeter.Lab.Files;
using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using Spectre.Console;

namespace PrepaidMeter.Cli.Commands.Lab;

/// <summary>`prepaid lab ...`: play scenarios (docs/scenarios.md) against a target and report what held.</summary>
internal static class LabCommands
{
    public static Command Build() => new("lab", "Play scenarios — field stories and edge cases as JSON — against the virtual meter and the back office")
    {
        Run(),
        List(),
        FileCheckCommand.Build(VendorFileKind.Scenario, "scenario"),
    };

    private static Command Run()
    {
        var scenarios = new Argument<string[]>("SCENARIO") { Description = "Scenario files, or names of shipped scenarios ('prepaid lab list')", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Play every shipped scenario" };
        var target = new LabTargets.Choice();
        var junit = new Option<string?>("--junit") { Description = "Also write JUnit XML to this file" };
        var report = new Option<string?>("--report") { Description = "Also write an HTML report with credit charts (PNG, SVG) into this folder" };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of tables" };
        var steps = new Option<bool>("--steps") { Description = "Print every step of every scenario, not only the failed ones" };
        var command = new Command("run", "Play scenarios and check every expectation; exit 0 only when all hold") { scenarios, all, junit, report, json, steps };
        foreach (var option in target.Options)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            var names = parse.GetValue(scenarios) ?? [];
            var playAll = parse.GetValue(all);
            if (names.Length == 0 && !playAll)
            {
                return context.Fail(ExitCodes.Usage, "name scenario files or shipped scenarios, or give --all");
            }

            var loaded = playAll ? [.. ScenarioLibrary.All] : new List<Scenario>();
            var errors = new List<string>();
            foreach (var name in names)
            {
                var result = PathIo.Reading(name, () => ScenarioLibrary.Resolve(name));
                if (result.Success)
                {
                    loaded.Add(result.Scenario!);
                }
                else if (PathIo.UnreadableInput(name) is { } unreadable)
                {
                    // A file that cannot be read stops the run as any I/O failure does; mistakes inside files are gathered.
                    return context.Fail(unreadable);
                }
                else
                {
                    errors.AddRange(result.Errors);
                }
            }

            if (errors.Count > 0)
            {
                errors.ForEach(e => context.Error.WriteLine($"prepaid: {e}"));
                return context.Fail(ExitCodes.Refused, $"{errors.Count} mistake(s) found; nothing was played");
            }

            IReadOnlyList<ScenarioResult> results;
            try
            {
                var (targets, mistake) = target.Open(parse);
                if (targets is null)
                {
                    return context.Fail(ExitCodes.Usage, mistake!);
                }

                await using (targets)
                {
                    // A bench talks to its operator on stderr: no progress bar over the instructions.
                    results = await PlayAsync(context, loaded, targets.New, quiet: target.Name(parse) == "bench");
                }
            }
            catch (LabTargetException e)
            {
                return context.Fail(ExitCodes.Environment, $"the {target.Name(parse)} target failed: {e.Message}");
            }

            var console = Consoles.Plain(context.Output);
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(ResultJson.Write(results));
            }
            else
            {
                LabTables.Summary(console, results, parse.GetValue(steps));
            }

            if (parse.GetValue(junit) is { } junitPath)
            {
                PathIo.Writing(junitPath, () => JUnitReport.Build("prepaid-lab", results).Save(junitPath));
            }

            if (parse.GetValue(report) is { } folder)
            {
                var page = PathIo.Writing(folder, () => HtmlReport.Write(folder, "PrepaidMeter lab run", results, context.Time.GetUtcNow()));
                context.Error.WriteLine($"report: {page}");
            }

            return results.All(r => r.Passed) ? ExitCodes.Success : ExitCodes.Refused;
        }));
        return command;
    }

    /// <summary>Plays each scenario on a target of its own (<see cref="ScenarioBatch"/>); a progress bar on stderr when a person is watching.</summary>
    private static async Task<IReadOnlyList<ScenarioResult>> PlayAsync(CommandContext context, List<Scenario> scenarios, Func<ILabTarget> newTarget, bool quiet)
    {
        if (quiet || scenarios.Count < 2 || Console.IsErrorRedirected || !ReferenceEquals(context.Error, Console.Error))
        {
            return await ScenarioBatch.PlayAsync(scenarios, newTarget);
        }

        IReadOnlyList<ScenarioResult> results = [];
        var progress = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await progress.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("playing scenarios", maxValue: scenarios.Count);
            results = await ScenarioBatch.PlayAsync(scenarios, newTarget,
                starting: scenario => task.Description = Markup.Escape(scenario.Name), played: _ => task.Increment(1));
        });
        return results;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command("list", "List the shipped scenarios") { json };
        command.SetAction(parse => CommandRun.Guarded(parse, context =>
        {
            var all = ScenarioLibrary.All;
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(System.Text.Json.JsonSerializer.Serialize(all.Select(s => new { name = s.Name, model = s.Model.Id, steps = s.Steps.Count, description = s.Description })));
                return ExitCodes.Success;
            }

            var table = new Table().AddColumns("scenario", "model", "steps", "what it plays");
            foreach (var scenario in all)
            {
                table.AddRow(Markup.Escape(scenario.Name), Markup.Escape(scenario.Model.Id), scenario.Steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(scenario.Description));
            }

            Consoles.Plain(context.Output).Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }
}
