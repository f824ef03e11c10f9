using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Lab.Files;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Cli.Hosting;
using PrepaidMeter.Cli.Printing;
using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.Models;
using Spectre.Console;

namespace PrepaidMeter.Cli.Commands.Lab;

/// <summary>
/// `prepaid certify`: the certification suite of a meter model (every card kind, every rule of the
/// reference model the model has, every refusal) on a target; a report a vendor can hand on, JUnit XML
/// and JSON. Exit code 0 only when every clause passes.
/// </summary>
internal static class CertifyCommand
{
    public static Command Build()
    {
        var model = new Option<string>("--model", "-m") { Description = "A shipped model id or a model file (fixtures/models/*.json)", Required = true };
        var target = new LabTargets.Choice();
        var output = new Option<string>("--out", "-o") { Description = "Folder for report.html, junit.xml, results.json and the charts", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON instead of a table" };
        var command = new Command("certify", "Run the certification suite for a meter model and write a report; exit 0 only when every clause passes")
        {
            model, output, json,
        };
        foreach (var option in target.Options)
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRun.Guarded(parse, async context =>
        {
            var modelName = parse.GetValue(model)!;
            var resolved = PathIo.Reading(modelName, () => VendorFiles.Model(modelName));
            if (resolved.Model is not { } meterModel)
            {
                if (PathIo.UnreadableInput(modelName) is { } unreadable)
                {
                    return context.Fail(unreadable);
                }

                resolved.Errors.ToList().ForEach(e => context.Error.WriteLine($"prepaid: {e}"));
                return ExitCodes.Refused;
            }

            // The folder first: a run on the stack takes a minute, and an --out that cannot be written should not wait for it.
            var outputFolder = parse.GetValue(output)!;
            PathIo.Writing(outputFolder, () => Directory.CreateDirectory(outputFolder));
            CertificationResult result;
            try
            {
                var (targets, mistake) = target.Open(parse);
                if (targets is null)
                {
                    return context.Fail(ExitCodes.Usage, mistake!);
                }

                await using (targets)
                {
                    result = await Certifier.RunAsync(meterModel, targets.New, context.Time);
                }
            }
            catch (LabTargetException e)
            {
                return context.Fail(ExitCodes.Environment, $"the {target.Name(parse)} target failed: {e.Message}");
            }

            var page = PathIo.Writing(outputFolder, () => CertificationReport.Write(outputFolder, result));
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(CertificationReport.Json(result));
            }
            else
            {
                Print(Consoles.Plain(context.Output), result);
            }

            context.Error.WriteLine($"report: {page}");
            return result.Passed ? ExitCodes.Success : ExitCodes.Refused;
        }));
        return command;
    }

    private static void Print(IAnsiConsole console, CertificationResult result)
    {
        var table = new Table().AddColumns("rule", "clause", "steps", "result");
        foreach (var (clause, run) in result.Clauses)
        {
            table.AddRow(Markup.Escape(clause.Rule), Markup.Escape(clause.Title), run.Steps.Count.ToString(CultureInfo.InvariantCulture),
                run.Passed ? "pass" : "FAIL: " + Markup.Escape(string.Join("; ", JUnitReport.Failures(run))));
        }

        console.Write(table);
        console.WriteLine(result.CardProtocol.Headline);
        var passed = result.Clauses.Count(c => c.Result.Passed);
        console.WriteLine(result.Passed
            ? $"Model {result.Model.Id} on {result.Target}: certified, all {result.Clauses.Count} clauses pass ({result.WallTime.TotalSeconds:0.00} s)."
            : $"Model {result.Model.Id} on {result.Target}: NOT certified, {passed} of {result.Clauses.Count} clauses pass.");
    }
}
