using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>The console's home: the first page the operator's role may open — the counter for a clerk, the books for a reader, the log for an auditor, the lab for a role that holds only that.</summary>
public sealed class IndexModel : ConsolePage
{
    private static readonly (Permission Needs, string Page)[] Homes =
    [
        (Permission.Sales, "/counter"),
        (Permission.Queries, "/books/customers"),
        (Permission.Audit, "/log"),
        (Permission.OperatorManagement, "/operators"),
        (Permission.Lab, "/lab"),
    ];

    public IActionResult OnGet() =>
        Redirect(Homes.FirstOrDefault(home => May(home.Needs)).Page ?? "/denied?function=" + nameof(Permission.Sales));
}
