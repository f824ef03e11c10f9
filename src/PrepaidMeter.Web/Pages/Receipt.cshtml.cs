using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Setup;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>A receipt after a sale: the site's receipt template as printed, and links to print it (80 mm) or the invoice (A4).</summary>
[Needs(Permission.Queries)]
public sealed class ReceiptModel : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public long Number { get; set; }

    public string? Refused { get; private set; }

    public void OnGet()
    {
        // Found through the printing service, so a receipt number that does not exist says so here, not in the frame.
        var printed = Office.Invoices.Print(Operator, Number, InvoiceKind.Receipt);
        if (!printed.Success)
        {
            Refused = printed.Refusal.Message;
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status404NotFound;
        }
    }
}
