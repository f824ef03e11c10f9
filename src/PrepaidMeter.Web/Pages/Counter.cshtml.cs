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
/// is the clerk's next step ("swipe it at the meter first"), not an error code.
/// </summary>
[Needs(Permission.Sales)]
public sealed class CounterModel : ConsolePage
{
    [BindProperty]
    public string Unit { get; set; } = "energy";

    [BindProperty]
    public string Amount { get; set; } = "";

    public string ReaderName => Desk.ReaderName;

    public CardView? Card { get; private set; }

    public string? CardProblem { get; private set; }

    public SaleQuote? Quote { get; private set; }

    public string? Refused { get; private set; }

    /// <summary>The back office's sentence when the card's last purchase is not loaded yet; the page makes it the next step.</summary>
    public string? NotSwiped { get; private set; }

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

        await ReadCardAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSellAsync(CancellationToken cancellationToken)
    {
        if (Purchase() is { } request)
        {
            // Not cancelled by the browser going away: a card write once begun is finished or put back by the back office.
            var sold = await Desk.WithCardAsync(reader => Office.Sales.SellAsync(Operator, reader, request), cancellationToken);
            if (sold.Success)
            {
                return RedirectToPage("/Receipt", new { number = sold.Value.ReceiptNumber });
            }

            Show(sold.Refusal);
        }

        await ReadCardAsync(cancellationToken);
        return Page();
    }

    /// <summary>The purchase the form asks for; null (and the reason shown) for an amount that does not parse.</summary>
    private PurchaseRequest? Purchase()
    {
        var (parsed, error) = Unit switch
        {
            "energy" => Energy.Parse(Amount) is var e && e.TryGetValue(out var energy) ? (PurchaseRequest.ForEnergy(energy), null) : ((PurchaseRequest?)null, e.Error),
            "money" => Money.Parse(Amount) is var m && m.TryGetValue(out var money) ? (PurchaseRequest.ForMoney(money), null) : (null, m.Error),
            "volume" => Volume.Parse(Amount) is var v && v.TryGetValue(out var volume) ? (PurchaseRequest.ForVolume(volume), null) : (null, v.Error),
            _ => (null, $"sell by energy, money or volume, not '{Unit}'"),
        };
        if (parsed is null)
        {
            Refused = $"amount '{Amount}': {error}";
        }

        return parsed;
    }

    private void Show(Refusal refusal)
    {
        if (refusal.Reason == RefusalReason.CardNotSwiped)
        {
            NotSwiped = refusal.Message;
        }
        else
        {
            Refused = refusal.Message;
        }
    }

    private async Task ReadCardAsync(CancellationToken cancellationToken)
    {
        var read = await Desk.WithCardAsync(reader => Office.Cards.InspectAsync(Operator, reader, cancellationToken), cancellationToken);
        if (read.Success)
        {
            Card = read.Value;
        }
        else
        {
            CardProblem = read.Refusal.Message;
        }
    }
}
