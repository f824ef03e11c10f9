using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Issuing;
using PrepaidMeter.Vending.Sales;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>
/// The sales screen: the card in the reader and whose it is, a sale by energy, money or volume priced first (the quote: credit,
/// price, arrears, money to take) and confirmed second, then the receipt. A card whose last purchase the meter has not loaded
/// is the clerk's next step ("swipe it at the meter first"), not an error code. The card work beside selling (correct, cancel,
/// partner payments, recycle, a blank card's account, reissue or tool card) is in CounterModel.CardWork.cs.
/// </summary>
[Needs(Permission.Sales)]
public sealed partial class CounterModel : CardWorkPage, IAmountForm
{
    // Bound on GET too, so "Change the amount" brings back the form as the clerk left it.
    [BindProperty(SupportsGet = true)]
    public string Unit { get; set; } = "energy";

    [BindProperty(SupportsGet = true)]
    public string Amount { get; set; } = "";

    public string ReaderName => Desk.ReaderName;

    public string? CardFile => Desk.CardFile;

    /// <summary>The folder's card files, listed once for the page (the view asks for them more than once).</summary>
    public IReadOnlyList<string> CardFiles => _cardFiles ??= Desk.CardFiles();

    private IReadOnlyList<string>? _cardFiles;

    public CardView? Card { get; private set; }

    public string? CardProblem { get; private set; }

    public SaleQuote? Quote { get; private set; }

    public IReadOnlyList<Payment> Waiting { get; private set; } = [];

    /// <summary>What the last action did, when it stays on this page (a card recycled, a tool card written).</summary>
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ReadCardAsync(cancellationToken);

    public async Task<IActionResult> OnPostQuoteAsync(CancellationToken cancellationToken)
    {
        if (Purchase() is { } request)
        {
            var quoted = await Desk.WithCardAsync(reader => Office.Sales.QuoteAsync(Operator, reader, request, cancellationToken), cancellationToken);
            if (quoted.Success)
            {
                Quote = quoted.Value;
            }
            else
            {
                Show(quoted.Refusal);
            }
        }

        return await ThisPageAsync(cancellationToken);
    }

    /// <summary>The quote the clerk confirms, posted back with the form: whose card, the credit (hundredths of its unit), the money.</summary>
    [BindProperty]
    public long QuotedAccount { get; set; }

    [BindProperty]
    public long QuotedCredit { get; set; }

    [BindProperty]
    public string QuotedMoney { get; set; } = "";

    /// <summary>
    /// Sells what the clerk confirmed: refused, nothing written, when the card in the reader is another account's now or the
    /// sale would ask another sum than the quote showed (a price or arrears changed in between, another clerk's card put in).
    /// </summary>
    public Task<IActionResult> OnPostSellAsync(CancellationToken cancellationToken)
    {
        if (Purchase() is not { } request)
        {
            return ToReceiptAsync(null, "sold", cancellationToken);
        }

        if (QuotedAccount <= 0 || !Money.Parse(QuotedMoney).TryGetValue(out var money))
        {
            Refused = L["price the sale first: the sale sells what its quote showed"];
            return ToReceiptAsync(null, "sold", cancellationToken);
        }

        var quoted = new QuotedSale(QuotedAccount, QuotedCredit, money);
        return ToReceiptAsync(reader => Office.Sales.SellAsQuotedAsync(Operator, reader, request, quoted), "sold", cancellationToken);
    }

    /// <summary>
    /// Runs a card write that ends in a receipt and goes to it; a refusal stays on this page and says why. Not cancelled by the
    /// browser going away: a card write once begun is finished or put back by the back office.
    /// </summary>
    private async Task<IActionResult> ToReceiptAsync(Func<Cards.Readers.ICardReader, Task<VendResult<Receipt>>>? write, string done, CancellationToken cancellationToken)
    {
        if (write is not null)
        {
            var written = await Desk.WithCardAsync(write, cancellationToken);
            if (written.Success)
            {
                return RedirectToPage("/Receipt", new { number = written.Value.ReceiptNumber, done });
            }

            Show(written.Refusal);
        }

        return await ThisPageAsync(cancellationToken);
    }

    /// <summary>The purchase the form asks for; null (and the reason shown) for an amount that does not parse.</summary>
    private PurchaseRequest? Purchase()
    {
        var request = ReadPurchase(Unit, Amount, out var mistake);
        Refused = mistake ?? Refused;
        return request;
    }

    private async Task<IActionResult> ThisPageAsync(CancellationToken cancellationToken)
    {
        await ReadCardAsync(cancellationToken);
        return Page();
    }

    /// <summary>The card in the reader as the back office reads it, and the partner payments waiting for its account.</summary>
    private async Task ReadCardAsync(CancellationToken cancellationToken)
    {
        var read = await Desk.WithCardAsync(reader => Office.Cards.InspectAsync(Operator, reader, cancellationToken), cancellationToken);
        if (!read.Success)
        {
            CardProblem = read.Refusal.Message;
            return;
        }

        Card = read.Value;
        if (Card.Account is { } account && Office.Payments.Outstanding(Operator, account.Id) is { Success: true } waiting)
        {
            Waiting = waiting.Value;
        }
    }
}
