using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Queries;

/// <summary>
/// `vend query WHAT` on a page: purchases, corrections, reissues, meter changes, transfers, amendments, readings, closings,
/// error-tolerance uses and split sales' shares, with the same filters (customer, meter, operator, from, to) in a
/// bookmarkable query string, each answered by the service the CLI calls.
/// </summary>
[Needs(Permission.Queries)]
public sealed class QueryModel : FilteredPage
{
    /// <summary>The queries and how the page names them, in the CLI's order.</summary>
    public static IReadOnlyList<(string What, string Title)> All { get; } =
    [
        ("purchases", "Purchases"), ("corrections", "Corrections"), ("reissues", "Reissues"), ("changes", "Meter changes"),
        ("transfers", "Account transfers"), ("amendments", "Amendments"), ("readings", "Readings"), ("closings", "Closed accounts"),
        ("tolerance", "Error-tolerance uses"), ("shares", "Split sales' shares"),
    ];

    [BindProperty(SupportsGet = true)]
    public string What { get; set; } = "";

    public string Title => All.FirstOrDefault(q => q.What == What).Title ?? What;

    public RecordTable? Found { get; private set; }

    public IActionResult OnGet()
    {
        if (All.All(q => q.What != What))
        {
            return NotFound();
        }

        if (Filter() is { } filter)
        {
            var queries = Office.Queries;
            Found = What switch
            {
                "purchases" => Table(queries.Purchases(Operator, filter)),
                "corrections" => Table(queries.Corrections(Operator, filter)),
                "reissues" => Table(queries.Reissues(Operator, filter)),
                "changes" => Table(queries.MeterChanges(Operator, filter)),
                "transfers" => Table(queries.Transfers(Operator, filter)),
                "amendments" => Table(Office.Amendments.List(Operator, filter)),
                "readings" => Table(queries.Readings(Operator, filter)),
                "closings" => Table(Office.Closings.List(Operator, filter)),
                "tolerance" => Table(queries.ToleranceUses(Operator, filter)),
                _ => Table(Office.Splits.Shares(Operator, filter)),
            };
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    private RecordTable? Table<T>(VendResult<IReadOnlyList<T>> result) => Shown(result) is { } rows ? RecordTable.Of(rows) : null;
}
