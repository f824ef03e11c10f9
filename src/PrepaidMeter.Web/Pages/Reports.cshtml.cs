using PrepaidMeter.Reporting;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>The reports, each linking its page (function "queries", the one the report services check).</summary>
[Needs(Permission.Queries)]
public sealed class ReportsModel : ConsolePage
{
    public IReadOnlyList<ReportKind> All { get; private set; } = [];

    public void OnGet() => All = ReportCatalog.All;
}
