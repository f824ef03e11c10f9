using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>
/// The operation log (`vend query log`, filtered alike: the customer and meter filters match an entry's subject) and
/// `vend audit verify` behind a button: the keyed chain, every audited row against its digest, receipts gap-free, checked
/// with the site's audit key the console opened the books with; its findings, or "the books verify".
/// </summary>
[Needs(Permission.Audit)]
public sealed class LogModel : FilteredPage
{
    public IReadOnlyList<LogEntry> Entries { get; private set; } = [];

    public AuditReport? Verified { get; private set; }

    public void OnGet() => Load();

    public void OnPostVerify()
    {
        Verified = Shown(Office.Maintenance.Audit(Operator));
        Load();
    }

    private void Load()
    {
        if (Filter() is { } filter)
        {
            Entries = Shown(Office.Queries.OperationLog(Operator, filter)) ?? [];
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
