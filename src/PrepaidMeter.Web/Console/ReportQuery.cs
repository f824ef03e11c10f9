using Microsoft.AspNetCore.Http;
using PrepaidMeter.Reporting;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Vending.Security;

namespace PrepaidMeter.Web.Console;

/// <summary>A report asked for in a query string: the report, or the sentence saying why not and the HTTP status it answers with.</summary>
internal sealed record ReportAnswer(ReportRun? Run, ReportTable? Table, string? Refused, int Status)
{
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Run), nameof(Table))]
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Refused))]
    public bool Success => Refused is null;
}

/// <summary>
/// A report's query string (/reports/NAME?from=2026-01-01&amp;price-type=residential) turned into the report: each field is the
/// CLI's option without its dashes, an empty field is one not given, and the filters are parsed by the CLI's own parsing
/// (<see cref="ReportFilters"/>), so a mistake is said in the CLI's words. The report itself is the back office's.
/// </summary>
internal static class ReportQuery
{
    /// <summary>The text of the field named like <paramref name="field"/> ("price-type"), or null when it is missing or empty.</summary>
    public static string? Text(IQueryCollection query, string field) =>
        query.TryGetValue(field, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    public static ReportAnswer Run(IQueryCollection query, BackOffice office, OperatorSession session, ReportKind kind)
    {
        string? Field(string name) => Text(query, name.TrimStart('-'));
        var parsed = ReportFilters.Parse(Field);
        if (!parsed.TryGetValue(out var filter))
        {
            return new ReportAnswer(null, null, parsed.Error, StatusCodes.Status400BadRequest);
        }

        var run = new ReportRun(office.Reports, session, filter, Field, office.Time.GetUtcNow());
        var report = kind.Produce(run);
        return report.Success
            ? new ReportAnswer(run, report.Value, null, StatusCodes.Status200OK)
            : new ReportAnswer(run, null, report.Refusal.Message, report.Refusal.Reason switch
            {
                RefusalReason.NoPermission => StatusCodes.Status403Forbidden,
                RefusalReason.StorageUnavailable => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status400BadRequest,
            });
    }
}
