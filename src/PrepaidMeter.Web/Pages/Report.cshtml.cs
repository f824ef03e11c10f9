using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Reporting;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>
/// One report (/reports/NAME): a GET form of its filters and options, so a report's address can be bookmarked; once asked
/// (any field in the query string), its table, its chart (/reports/NAME.png) and its downloads (/reports/NAME.csv, .xlsx) with the
/// same query string. A filter the CLI would refuse is said in the CLI's words, with HTTP 400.
/// </summary>
[Needs(Permission.Queries)]
public sealed class ReportModel : ConsolePage
{
    public ReportKind Kind { get; private set; } = null!;

    /// <summary>Whether the report was asked for (the form sent), so its table or refusal shows.</summary>
    public bool Asked { get; private set; }

    public ReportTable? Table { get; private set; }

    public string? Refused { get; private set; }

    /// <summary>"?from=...&amp;to=...": the query string the downloads and the chart repeat.</summary>
    public string Query => Request.QueryString.Value ?? "";

    /// <summary>The text the form shows in <paramref name="option"/>'s field: what was asked, else its default.</summary>
    public string Shown(ReportOption option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return ReportQuery.Text(Request.Query, option.Field) ?? option.Default ?? "";
    }

    public IActionResult OnGet(string name)
    {
        if (ReportCatalog.Find(name) is not { } kind)
        {
            return NotFound();
        }

        Kind = kind;
        if (Request.Query.Count == 0)
        {
            return Page();
        }

        Asked = true;
        var answer = ReportQuery.Run(Request.Query, Office, Operator, kind);
        if (answer.Success)
        {
            Table = answer.Table;
        }
        else
        {
            Refused = answer.Refused;
            Response.StatusCode = answer.Status;
        }

        return Page();
    }
}
