using System.Text;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using PrepaidMeter.Cli.Printing;
using PrepaidMeter.Vending.Reports;
using Spectre.Console;

namespace PrepaidMeter.Cli.Commands.Reports;

/// <summary>
/// A report in every form it leaves the program: a table on the console, JSON (numbers as exact decimal
/// strings and as integer hundredths), CSV (RFC 4180, invariant culture) and XLSX (a header row, typed
/// numeric cells, the totals row last). All four carry the same cells.
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
            table.AddRow([.. Cells(report, row).Select(Markup.Escape)]);
        }

        if (report.Totals is { } totals)
        {
            table.AddRow([.. Cells(report, totals).Select(c => $"[bold]{Markup.Escape(c)}[/]")]);
        }

        console.Write(table);
        foreach (var note in report.Notes)
        {
            console.WriteLine(note);
        }

        if (report.Rows.Count == 0)
        {
            console.WriteLine("Nothing in this period: every total is zero.");
        }
    }

    public static string Json(ReportTable report)
    {
        JsonObject Row(IReadOnlyList<ReportCell> cells)
        {
            var row = new JsonObject();
            for (var i = 0; i < report.Columns.Count; i++)
            {
                var column = report.Columns[i];
                row[column.Name] = cells[i].Number is { } n && column.IsNumber
                    ? column.Kind == ColumnKind.Count ? JsonValue.Create(n) : JsonValue.Create(cells[i].Format(column.Kind))
                    : cells[i].Text is { } t ? JsonValue.Create(t) : null;
            }

            return row;
        }

        var json = new JsonObject
        {
            ["title"] = report.Title,
            ["covers"] = report.Covers,
            ["columns"] = new JsonArray([.. report.Columns.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["kind"] = c.Kind.ToString().ToLowerInvariant() })]),
            ["rows"] = new JsonArray([.. report.Rows.Select(r => (JsonNode)Row(r))]),
            ["totals"] = report.Totals is { } totals ? Row(totals) : null,
            ["notes"] = new JsonArray([.. report.Notes.Select(n => (JsonNode)JsonValue.Create(n))]),
        };
        return json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    public static string Csv(ReportTable report)
    {
        var text = new StringBuilder();
        void Line(IEnumerable<string> fields) => text.Append(string.Join(',', fields.Select(Quote))).Append("\r\n");
        Line(report.Columns.Select(c => c.Name));
        foreach (var row in report.Rows)
        {
            Line(Cells(report, row));
        }

        if (report.Totals is { } totals)
        {
            Line(Cells(report, totals));
        }

        return text.ToString();
    }

    /// <summary>One sheet: header row, the rows, the totals row; numbers are numeric cells (decimal, exact), text is text.</summary>
    public static void Xlsx(string path, ReportTable report)
    {
        Dictionary<string, object?> Row(IReadOnlyList<ReportCell> cells) =>
            report.Columns.Select((c, i) => (c.Name, Value: (object?)(c.IsNumber && cells[i].Value(c.Kind) is { } v ? v : cells[i].Text)))
                .ToDictionary(x => x.Name, x => x.Value, StringComparer.Ordinal);
        var rows = report.Rows.Select(Row).ToList();
        if (report.Totals is { } totals)
        {
            rows.Add(Row(totals));
        }

        if (rows.Count == 0)
        {
            rows.Add(report.Columns.ToDictionary(c => c.Name, _ => (object?)null, StringComparer.Ordinal));
        }

        MiniExcel.SaveAs(path, rows, printHeader: true, sheetName: SheetName(report.Title), excelType: ExcelType.XLSX, overwriteFile: true);
    }

    private static IEnumerable<string> Cells(ReportTable report, IReadOnlyList<ReportCell> cells) => cells.Select((c, i) => c.Format(report.Columns[i].Kind));

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // Excel's sheet names: at most 31 characters, none of []:*?/\.
    private static string SheetName(string title)
    {
        var clean = new string([.. title.Where(ch => "[]:*?/\\".IndexOf(ch, StringComparison.Ordinal) < 0)]);
        return clean.Length <= 31 ? clean : clean[..31];
    }
}
