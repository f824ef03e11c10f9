using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages;

/// <summary>
/// Meter change (换表) at the counter, in the back office's two visits: a meter-change card written on a blank for the account's
/// old meter, then — once the old meter wrote its credit onto it — the credit moved onto the user card for the new meter. Each
/// visit needs two cards at once: the one written sits in the counter's reader, the one only read in the second place
/// (<see cref="CounterDesk.SecondPlace"/>). Each form is one call of the meter-change service, which checks the function.
/// </summary>
[Needs(Permission.MeterChange)]
public sealed class MeterChangeModel : CardWorkPage
{
    /// <summary>Bound on GET too: a link from an account's page can bring the account in (/meter-change?account=5).</summary>
    [BindProperty(SupportsGet = true)]
    public string Account { get; set; } = "";

    [BindProperty]
    public string NewMeter { get; set; } = "";

    /// <summary>The second card's file, when the second place is a folder.</summary>
    [BindProperty]
    public string? SecondCard { get; set; }

    public string ReaderName => Desk.ReaderName;

    public string? SecondPlace => Desk.SecondPlace;

    /// <summary>The second place's card files, listed once for the page (both forms show them).</summary>
    public IReadOnlyList<string> SecondCardFiles => _secondCardFiles ??= Desk.SecondCardFiles();

    private IReadOnlyList<string>? _secondCardFiles;


    /// <summary>What the first visit wrote, when it stays on this page.</summary>
    public string? Done { get; private set; }

    /// <summary>First visit: the blank in the counter's reader becomes the meter-change card; the user card beside it is only read.</summary>
    public async Task<IActionResult> OnPostIssueAsync(CancellationToken cancellationToken)
    {
        if (!long.TryParse(Account, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var accountId) || accountId <= 0)
        {
            Refused = L["account: a whole number above zero, not '{0}'", Account];
            return Page();
        }

        var issued = await Desk.WithTwoCardsAsync(SecondCard,
            (blank, userCard) => Office.MeterChanges.IssueChangeCardAsync(Operator, blank, userCard, accountId, cancellationToken),
            problem => (VendResult<Cards.Records.CardRecord>)new Refusal(RefusalReason.Invalid, problem), cancellationToken);
        if (issued.Success)
        {
            Done = L["meter-change card {0} written for meter {1}: insert it in the old meter, which writes its credit onto it, then bring it back with the user card",
                issued.Value.CardSerial, issued.Value.MeterNumber];
        }
        else
        {
            Show(issued.Refusal);
        }

        return Page();
    }

    /// <summary>Second visit: the meter-change card beside the reader is read; the user card in the counter's reader gets the credit for the new meter.</summary>
    public async Task<IActionResult> OnPostCompleteAsync(CancellationToken cancellationToken)
    {
        var parsed = MeterNumber.Parse(NewMeter);
        if (!parsed.TryGetValue(out var newMeter))
        {
            Refused = L["new meter: {0}", parsed.Error ?? ""];
            return Page();
        }

        var completed = await Desk.WithTwoCardsAsync(SecondCard,
            (userCard, changeCard) => Office.MeterChanges.CompleteAsync(Operator, changeCard, userCard, newMeter, cancellationToken),
            problem => (VendResult<Receipt>)new Refusal(RefusalReason.Invalid, problem), cancellationToken);
        if (completed.Success)
        {
            return RedirectToPage("/Receipt", new { number = completed.Value.ReceiptNumber, done = "changed" });
        }

        Show(completed.Refusal);
        return Page();
    }
}
