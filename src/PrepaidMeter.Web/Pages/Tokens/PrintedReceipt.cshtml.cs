using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Tokens;

/// <summary>
/// A token sale's receipt on an 80 mm roll: a document of its own with its print styles (the printed card receipt's policy:
/// no script, styles inline), the token large in 4-4-4-4-4 groups, the rounding line, the money. The card receipt's template
/// (`vend invoice`) has no place for a token and tells the customer to insert a card, so the token's is the console's own.
/// </summary>
[Needs(Permission.Sales)]
public sealed class TokenPrintedReceiptModel : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public long Number { get; set; }

    public TokenReceipt Shown { get; private set; } = null!;

    public SiteInfo? Site { get; private set; }

    public TokenMeter? Meter { get; private set; }

    public IActionResult OnGet()
    {
        var reprinted = Office.Tokens.Reprint(Operator, Number);
        if (!reprinted.Success)
        {
            return StatusCode(RefusalStatus.Of(reprinted.Refusal.Reason), reprinted.Refusal.Message);
        }

        Shown = reprinted.Value;
        // The site's name heads the receipt and the DRN names the meter the token is for; a receipt prints without either.
        Site = Office.Site.Show(Operator) is { Success: true } site ? site.Value : null;
        Meter = Office.Tokens.Meter(Operator, Shown.Receipt.AccountId) is { Success: true } meter ? meter.Value : null;
        Response.Headers.ContentSecurityPolicy = SecureHeaders.PrintedPolicy;
        return Page();
    }
}
