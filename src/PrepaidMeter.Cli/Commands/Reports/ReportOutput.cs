using PrepaidMeter.Cli.Printing;
using PrepaidMeter.Reporting;
using PrepaidMeter.Vending.Reports;
using Spectre.Console;

namespace PrepaidMeter.Cli.Commands.Reports;

/// <summary>
/// A report as a table on the console (Spectre.Console): the same cells as its JSON, CSV and XLSX (ReportExport, shared with
/// the web console), the totals row in bold, then its notes.
/// </summary>
internal static class ReportOutput
{
    public static void Table(TextWriter output, ReportTable report)
    {
        var console = Consoles.Plain(output);
        console.WriteLine($"{report.Title} — {report.Covers}");
        var table = new Table();
        foreach (var column in report.Columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column.Name)) { Alignment = column.IsNumber ? Justify.Right : Justify.Left });
        }

        foreach (var row in report.Rows)
        {
            table.AddRow([.. ReportExport.Cells(report, row).Select(Markup.Escape)]);
        }

        if (report.Totals is { } totals)
        {
            table.AddRow([.. ReportExport.Cells(report, totals).Select(c => $"[bold]{Markup.Escape(c)}[/]")]);
        }

        console.Write(table);
        foreach (var note in report.Notes)
        {
            console.WriteLine(note);
        }

        if (report.Rows.Count == 0)
        {
            console.WriteLine(ReportExport.NothingInThePeriod);
        }
    }
}
