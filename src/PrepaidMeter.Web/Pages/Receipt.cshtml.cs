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

    /// <summary>What the counter did that led here (sold, corrected, cancelled, collected, opened, changed); the page says it in words.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public Refused? Refused { get; private set; }

    public string Said => Done switch
    {
        "sold" => L["Sold and written to the card. Give the card back to the customer: it loads at the meter's next swipe."],
        "corrected" => L["The last sale corrected and the card rewritten. Give the card back to the customer: it loads at the meter's next swipe."],
        "cancelled" => L["The last sale cancelled: the card is back to the purchase before. Give the money back to the customer."],
        "collected" => L["The partners' payments written to the card. Give the card back to the customer: it loads at the meter's next swipe."],
        "opened" => L["The account opened and its card written with the first purchase. It loads at the meter's first swipe."],
        "changed" => L["The old meter's credit, less the new meter's preset, written to the user card for the new meter. It loads at the new meter's first swipe."],
        _ => L["The receipt as printed."],
    };

    public void OnGet()
    {
        // Found through the printing service, so a receipt number that does not exist says so here, not in the frame.
        var printed = Office.Invoices.Print(Operator, Number, InvoiceKind.Receipt);
        if (!printed.Success)
        {
            Refused = Console.Refused.Of(printed.Refusal);
            Response.StatusCode = RefusalStatus.Of(printed.Refusal.Reason);
        }
    }
}
