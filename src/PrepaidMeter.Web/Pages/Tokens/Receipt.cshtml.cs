using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Tokens;

/// <summary>
/// A token sale's receipt (`vend token reprint`): the token in 4-4-4-4-4 groups, what it carries against the credit paid for (the
/// rounding line), the money, and what the clerk must know after a cancel or a correction — the token stays valid at the meter.
/// Reprinting issues nothing; its function is the back office's for a reprint, `sales` (a token not yet entered is credit).
/// </summary>
[Needs(Permission.Sales)]
public sealed class TokenReceiptModel : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public long? Number { get; set; }

    /// <summary>What the counter did that led here (sold, corrected, cancelled, keychange); the page says it in words.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public TokenReceipt? Shown { get; private set; }

    public Refused? Refused { get; private set; }

    public string Said => Done switch
    {
        "sold" => L["Sold: give the customer the token. It loads when the 20 digits are entered at the meter's keypad."],
        "corrected" => L["The last sale corrected: a new token for the new amount. Give the customer this token."],
        "cancelled" => L["The last sale cancelled: its money refunded in the books, no token issued. Give the money back to the customer."],
        "keychange" => L["Sold under the meter's new key: the customer enters the key change tokens first, in order, then this token."],
        _ => L["The token receipt, reprinted: the same token, nothing issued."],
    };

    /// <summary>What the clerk must know of this receipt's token, in the clerk's language (the back office's sentence follows it); null when nothing.</summary>
    public string? NoticeLead => Shown switch
    {
        null => null,
        // A correction's reprint carries no notice of its own, but the token it replaced stays valid all the same.
        { Receipt.Kind: SaleKind.Correction, Receipt.Status: SaleStatus.Committed } => L["This token replaces a corrected sale's token, which stays valid at the meter: if the customer has not entered it, take it back and destroy it."].Value,
        { Notice: null } => null,
        { Receipt.Status: SaleStatus.Cancelled } => L["This sale is cancelled, but its token stays valid at the meter: a token once issued cannot be taken back. If the customer has not entered it, take it back and destroy it."].Value,
        { Receipt.Status: SaleStatus.Corrected } => L["This sale was corrected, but its token stays valid at the meter: a token once issued cannot be taken back. If the customer has not entered it, take it back and destroy it."].Value,
        _ => L["Note:"].Value,
    };

    public IActionResult OnGet()
    {
        if (Number is not { } number || number <= 0)
        {
            // The reprint form's number, mistyped (a route number that is not one never reaches the page).
            Refused = new(L["a token receipt's number is a whole number above zero, not '{0}'", Request.Query["number"].ToString()], TestId: "refused");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var reprinted = Office.Tokens.Reprint(Operator, number);
        if (reprinted.Success)
        {
            Shown = reprinted.Value;
        }
        else
        {
            Refused = Console.Refused.Of(reprinted.Refusal, "refused");
            Response.StatusCode = RefusalStatus.Of(reprinted.Refusal.Reason);
        }

        return Page();
    }
}
