using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Keypad;
using PrepaidMeter.Vending.Sales;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Tokens;

/// <summary>
/// The counter for a token account (`vend token sell|correct|cancel`): a sale by energy, money or volume priced first (what the
/// token will carry, the money to take) and confirmed second — a token once issued cannot be taken back —, then the token's
/// receipt; the last sale cancelled (nothing issued; its token stays valid) or corrected (a new token). Each form is one call
/// of the back office's TokenService, which checks the function again; key change and management tokens have pages of their own.
/// </summary>
[Needs(Permission.Sales)]
public sealed class TokenCounterModel : TokenPage, IAmountForm
{
    // Bound on GET too, so "Change the amount" brings back the form as the clerk left it.
    [BindProperty(SupportsGet = true)]
    public string Unit { get; set; } = "energy";

    [BindProperty(SupportsGet = true)]
    public string Amount { get; set; } = "";

    [BindProperty]
    public string Reason { get; set; } = "";

    /// <summary>The quote the clerk confirms, posted back with the form: the credit (hundredths of its unit), the money.</summary>
    [BindProperty]
    public long QuotedCredit { get; set; }

    [BindProperty]
    public string QuotedMoney { get; set; } = "";

    public TokenQuote? Quote { get; private set; }

    public void OnGet() => ReadAccount();

    public IActionResult OnPostQuote()
    {
        if (PostedAccount() is { } id && Purchase() is { } request)
        {
            var quoted = Office.Tokens.Quote(Operator, id, request);
            if (quoted.Success)
            {
                Quote = quoted.Value;
            }
            else
            {
                Show(quoted.Refusal);
            }
        }

        return ThisPage();
    }

    /// <summary>
    /// Sells what the clerk confirmed: refused, nothing issued, when the sale would ask another sum than the quote showed (a price
    /// or arrears changed in between), or when no quote is posted.
    /// </summary>
    public IActionResult OnPostSell()
    {
        if (PostedAccount() is not { } id || Purchase() is not { } request)
        {
            return ThisPage();
        }

        if (!Money.Parse(QuotedMoney).TryGetValue(out var money))
        {
            Refused = L["price the sale first: the sale sells what its quote showed"];
            return ThisPage();
        }

        return ToReceipt(Office.Tokens.SellAsQuoted(Operator, id, request, new QuotedSale(id, QuotedCredit, money)), "sold");
    }

    [Needs(Permission.SaleCorrection)]
    public IActionResult OnPostCorrect() =>
        PostedAccount() is { } id && Purchase() is { } request ? ToReceipt(Office.Tokens.Correct(Operator, id, request, Reason), "corrected") : ThisPage();

    [Needs(Permission.SaleCorrection)]
    public IActionResult OnPostCancel() =>
        PostedAccount() is { } id ? ToReceipt(Office.Tokens.Cancel(Operator, id, Reason), "cancelled") : ThisPage();

    /// <summary>The token's receipt page after a sale, a correction or a cancel; a refusal stays on this page and says why.</summary>
    private IActionResult ToReceipt(VendResult<TokenReceipt> done, string what)
    {
        if (done.Success)
        {
            return RedirectToPage("/Tokens/Receipt", new { number = done.Value.Receipt.ReceiptNumber, done = what });
        }

        Show(done.Refusal);
        return ThisPage();
    }

    private PurchaseRequest? Purchase()
    {
        var request = ReadPurchase(Unit, Amount, out var mistake);
        Refused = mistake ?? Refused;
        return request;
    }

    private PageResult ThisPage()
    {
        ReadAccount();
        return Page();
    }
}
