using System.CommandLine;
using System.Globalization;
using PrepaidMeter.Cli.Commands.Vend.Call;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Reporting;

namespace PrepaidMeter.Cli.Commands.Reports;

/// <summary>
/// `prepaid report daily|monthly|yearly|classified|registration|readings|account|line-loss|abnormal`: the
/// back office's reports and analytics (docs/reports.md), each as a table, --json, --csv, --xlsx FILE, and
/// where it has one a --chart FILE (PNG or SVG). An empty period is an empty report with zero totals; a
/// filter naming nothing that exists exits 2 saying so. The reports, their options, their files and charts are
/// PrepaidMeter.Reporting's, shared with the web console; this turns them into commands.
/// </summary>
internal static class ReportCommands
{
    public static Command Build()
    {
        var command = new Command("report", "Reports and analytics on the back office's books: takings, classified, registration, readings, account book, line loss, abnormal consumption")
        {
            VendCall.Db, VendCall.ReportDb, VendCall.JsonOutput,
        };
        foreach (var kind in ReportCatalog.All)
        {
            command.Add(Report(kind));
        }

        return command;
    }

    private static Command Report(ReportKind kind)
    {
        var filters = ReportFilters.All.ToDictionary(f => f.Name, f => new Option<string>(f.Name) { Description = f.Description }, StringComparer.Ordinal);
        var csv = new Option<bool>("--csv") { Description = "Print CSV instead of a table" };
        var xlsx = new Option<string>("--xlsx") { Description = "Also write the report to this XLSX file" };
        var command = new Command(kind.Name, kind.Description);
        foreach (var filter in filters.Values)
        {
            command.Add(filter);
        }

        command.Add(csv);
        command.Add(xlsx);
        var chartFile = new Option<string>("--chart") { Description = "Also draw the report's chart into this PNG or SVG file" };
        if (kind.HasChart)
        {
            command.Add(chartFile);
        }

        var extras = kind.Options.ToDictionary(o => o.Name, Extra, StringComparer.Ordinal);
        foreach (var (option, _) in extras.Values)
        {
            command.Add(option);
        }

        command.SetAction(parse => VendCall.Run(parse, call =>
        {
            var parsed = ReportFilters.Parse(name => parse.GetValue(filters[name]));
            if (!parsed.TryGetValue(out var filter))
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Usage, parsed.Error!));
            }

            var run = new ReportRun(call.Office.Reports, call.Session, filter, name => extras[name].Text(parse), call.Context.Time.GetUtcNow());
            var result = kind.Produce(run);
            if (!result.Success)
            {
                return Task.FromResult(call.Context.Fail(ExitCodes.Refused, result.Refusal.Message));
            }

            var report = result.Value;
            if (call.AsJson)
            {
                call.Output.WriteLine(ReportExport.Json(report));
            }
            else if (parse.GetValue(csv))
            {
                call.Output.Write(ReportExport.Csv(report));
            }
            else
            {
                ReportOutput.Table(call.Output, report);
            }

            if (parse.GetValue(xlsx) is { } workbook)
            {
                PathIo.Writing(workbook, () => ReportExport.Xlsx(workbook, report));
                call.Context.Error.WriteLine($"xlsx: {workbook}");
            }

            if (kind.HasChart && parse.GetValue(chartFile) is { } picture)
            {
                if (kind.Chart(run, report) is not { } plot)
                {
                    return Task.FromResult(call.Context.Fail(ExitCodes.Refused, "nothing to draw for this report"));
                }

                PathIo.Writing(picture, () => ReportCharts.Save(plot, picture));
                call.Context.Error.WriteLine($"chart: {picture}");
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    /// <summary>A report's own option as a typed command-line option (a count or an id is checked as a number by the parser) and how to read its text back.</summary>
    private static (Option Option, Func<ParseResult, string?> Text) Extra(ReportOption option)
    {
        switch (option.Kind)
        {
            case ReportOptionKind.Count:
                var count = new Option<int>(option.Name) { Description = option.Description };
                if (option.Default is { } countDefault)
                {
                    count.DefaultValueFactory = _ => int.Parse(countDefault, CultureInfo.InvariantCulture);
                }

                return (count, parse => parse.GetValue(count).ToString(CultureInfo.InvariantCulture));
            case ReportOptionKind.Id:
                var id = new Option<long>(option.Name) { Description = option.Description };
                return (id, parse => parse.GetValue(id).ToString(CultureInfo.InvariantCulture));
            default:
                var text = new Option<string>(option.Name) { Description = option.Description };
                if (option.Default is { } textDefault)
                {
                    text.DefaultValueFactory = _ => textDefault;
                }

                return (text, parse => parse.GetValue(text));
        }
    }
}
