using System.Text;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Reporting;

/// <summary>
/// A report in the forms it leaves the program as a file or a document — JSON (numbers as exact decimal strings and as integer
/// hundredths), CSV (RFC 4180, invariant culture) and XLSX (a header row, typed numeric cells, the totals row last) — for
/// `prepaid report` and the web console's downloads alike. All carry the same cells as the table on screen.
/// </summary>
public static class ReportExport
{
    /// <summary>What a report with no rows says under its table.</summary>
    public const string NothingInThePeriod = "Nothing in this period: every total is zero.";

    public static string Json(ReportTable report)
    {
        ArgumentNullException.ThrowIfNull(report);
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
        ArgumentNullException.ThrowIfNull(report);
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

    /// <summary>One sheet into the file at <paramref name="path"/> (replaced): header row, the rows, the totals row; numbers are numeric cells (decimal, exact), text is text.</summary>
    public static void Xlsx(string path, ReportTable report) =>
        MiniExcel.SaveAs(path, SheetRows(report), printHeader: true, sheetName: SheetName(report.Title), excelType: ExcelType.XLSX, overwriteFile: true);

    /// <summary>The same sheet as <see cref="Xlsx(string, ReportTable)"/>, written to <paramref name="stream"/>.</summary>
    public static void Xlsx(Stream stream, ReportTable report) =>
        MiniExcel.SaveAs(stream, SheetRows(report), printHeader: true, sheetName: SheetName(report.Title), excelType: ExcelType.XLSX);

    /// <summary>A row's cells as a person reads them (<see cref="ReportCell.Format"/>): the table on screen and the CSV.</summary>
    public static IEnumerable<string> Cells(ReportTable report, IReadOnlyList<ReportCell> cells)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(cells);
        return cells.Select((c, i) => c.Format(report.Columns[i].Kind));
    }

    private static List<Dictionary<string, object?>> SheetRows(ReportTable report)
    {
        ArgumentNullException.ThrowIfNull(report);
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

        return rows;
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // Excel's sheet names: at most 31 characters, none of []:*?/\.
    private static string SheetName(string title)
    {
        var clean = new string([.. title.Where(ch => "[]:*?/\\".IndexOf(ch, StringComparison.Ordinal) < 0)]);
        return clean.Length <= 31 ? clean : clean[..31];
    }
}
