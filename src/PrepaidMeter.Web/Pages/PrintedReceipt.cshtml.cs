using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Setup;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>
/// A receipt (80 mm) or invoice (A4) as the site's template prints it (`vend invoice`): a document of its own with its print
/// styles, the same HTML `prepaid vend invoice print` writes to a file.
/// </summary>
[Needs(Permission.Queries)]
public sealed class PrintedReceiptModel : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public long Number { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    public IActionResult OnGet()
    {
        if (InvoiceKinds.Parse(Kind ?? "receipt") is not { } kind)
        {
            return BadRequest($"print a receipt or an invoice, not '{Kind}'");
        }

        var printed = Office.Invoices.Print(Operator, Number, kind);
        if (!printed.Success)
        {
            return StatusCode(RefusalStatus.Of(printed.Refusal.Reason), printed.Refusal.Message);
        }

        Response.Headers.ContentSecurityPolicy = SecureHeaders.PrintedPolicy;
        return Content(printed.Value.Html, "text/html; charset=utf-8");
    }
}
