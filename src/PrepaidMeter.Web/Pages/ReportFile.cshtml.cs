using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Reporting;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>
/// A report as a file, with the report page's query string: /reports/NAME.csv and .xlsx (downloads, the CLI's --csv and --xlsx),
/// /reports/NAME.png and .svg (its chart, the CLI's --chart). A refusal is one line of text in the CLI's words (HTTP 400).
/// </summary>
[Needs(Permission.Queries)]
public sealed class ReportFileModel : ConsolePage
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public IActionResult OnGet(string name, string format)
    {
        if (ReportCatalog.Find(name) is not { } kind || format is not ("csv" or "xlsx" or "png" or "svg"))
        {
            return NotFound();
        }

        if (format is "png" or "svg" && !kind.HasChart)
        {
            return Said(StatusCodes.Status404NotFound, $"the {kind.Name} report has no chart");
        }

        var answer = ReportQuery.Run(Request.Query, Office, Operator, kind);
        if (!answer.Success)
        {
            return Said(answer.Status, answer.Refused);
        }

        switch (format)
        {
            case "csv":
                return File(Encoding.UTF8.GetBytes(ReportExport.Csv(answer.Table)), "text/csv; charset=utf-8", $"{kind.Name}.csv");
            case "xlsx":
                using (var sheet = new MemoryStream())
                {
                    ReportExport.Xlsx(sheet, answer.Table);
                    return File(sheet.ToArray(), Xlsx, $"{kind.Name}.xlsx");
                }

            default:
                if (kind.Chart(answer.Run, answer.Table) is not { } plot)
                {
                    return Said(StatusCodes.Status404NotFound, "nothing to draw for this report");
                }

                return format == "png"
                    ? File(ReportCharts.Png(plot), "image/png")
                    : File(Encoding.UTF8.GetBytes(ReportCharts.Svg(plot)), "image/svg+xml");
        }
    }

    private static ContentResult Said(int status, string sentence) => new()
    {
        StatusCode = status,
        Content = sentence,
        ContentType = "text/plain; charset=utf-8",
    };
}
