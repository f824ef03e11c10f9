using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web.Pages;

/// <summary>
/// The counter's card work beside selling. Each handler is one service call, checked by the service against the operator's
/// role (correct and cancel: "corrections"; recycle and tool cards: "tool-cards"; opening: "accounts"; reissue: "reissue"); the page
/// shows each form only to a role that holds its function.
/// </summary>
public sealed partial class CounterModel
{
    [BindProperty]
    public string Customer { get; set; } = "";

    [BindProperty]
    public string Meter { get; set; } = "";

    [BindProperty]
    public string PriceType { get; set; } = "";

    [BindProperty]
    public string Account { get; set; } = "";

    [BindProperty]
    public string Reason { get; set; } = "";

    [BindProperty]
    public string ToolKind { get; set; } = "";

    [BindProperty]
    public string Group { get; set; } = "";

    public async Task<IActionResult> OnPostPutInAsync([FromForm(Name = "CardFile")] string? file, CancellationToken cancellationToken)
    {
        if (await Desk.PutInAsync(file ?? "", cancellationToken) is { } problem)
        {
            Refused = problem; // the desk's own sentence about the folder reader
        }

        return await ThisPageAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostCorrectAsync(CancellationToken cancellationToken) =>
        ToReceiptAsync(Purchase() is { } request ? reader => Office.Sales.CorrectAsync(Operator, reader, request) : null, "corrected", cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken) =>
        ToReceiptAsync(reader => Office.Sales.CancelAsync(Operator, reader), "cancelled", cancellationToken);

    public Task<IActionResult> OnPostCollectAsync(CancellationToken cancellationToken) =>
        ToReceiptAsync(async reader =>
        {
            var collected = await Office.Sales.CollectPaymentsAsync(Operator, reader);
            return collected.Success ? collected.Value.Receipt : collected.Refusal;
        }, "collected", cancellationToken);

    public async Task<IActionResult> OnPostRecycleAsync(CancellationToken cancellationToken)
    {
        var recycled = await Desk.WithCardAsync(reader => Office.Cards.RecycleAsync(Operator, reader), cancellationToken);
        if (recycled.Success)
        {
            Done = L["card {0} recycled: it is blank again", recycled.Value];
        }
        else
        {
            Show(recycled.Refusal);
        }

        return await ThisPageAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostOpenAsync(CancellationToken cancellationToken)
    {
        if (!Parsed(L["customer number: {0}"], CustomerNumber.Parse(Customer), out var customer)
            || !Parsed(L["meter number: {0}"], MeterNumber.Parse(Meter), out var meter)
            || !Whole(L["price type: a whole number above zero, not '{0}'"], PriceType, out var priceType)
            || Purchase() is not { } first)
        {
            return ToReceiptAsync(null, "opened", cancellationToken);
        }

        return ToReceiptAsync(reader => Office.Accounts.OpenAsync(Operator, reader, customer, meter, priceType, first), "opened", cancellationToken);
    }

    public async Task<IActionResult> OnPostReissueAsync(CancellationToken cancellationToken)
    {
        if (Whole(L["account: a whole number above zero, not '{0}'"], Account, out var accountId))
        {
            var reissued = await Desk.WithCardAsync(reader => Office.Cards.ReissueAsync(Operator, reader, accountId, Reason), cancellationToken);
            if (reissued.Success)
            {
                Done = L["card reissued for account {0} ({1}): card {2}, purchase {3}", reissued.Value.Id, reissued.Value.CustomerName, reissued.Value.CardSerial, reissued.Value.PurchaseCount];
            }
            else
            {
                Show(reissued.Refusal);
            }
        }

        return await ThisPageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostToolAsync(CancellationToken cancellationToken)
    {
        CardKind? kind = ToolKind switch
        {
            "set" => CardKind.Set,
            "check" => CardKind.Check,
            "clear" => CardKind.Clear,
            "zero" => CardKind.Zero,
            "test" => CardKind.Test,
            _ => null,
        };
        if (kind is null)
        {
            Refused = L["a tool card is set, check, clear, zero or test, not '{0}'", ToolKind];
        }
        else if (Parsed(L["supply group: {0}"], SupplyGroupCode.Parse(Group), out var group) && Parsed(L["meter number: {0}"], MeterNumber.Parse(Meter), out var meter))
        {
            var written = await Desk.WithCardAsync(reader => Office.Cards.IssueToolCardAsync(Operator, reader, kind.Value, group, meter), cancellationToken);
            if (written.Success)
            {
                Done = L["{0} card written for supply group {1}", ToolKind, group];
            }
            else
            {
                Show(written.Refusal);
            }
        }

        return await ThisPageAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="parsed"/> holds a value; if not, the page refuses in <paramref name="refusal"/>, a format of the parser's reason ({0}).</summary>
    private bool Parsed<T>(string refusal, ParseResult<T> parsed, out T value)
    {
        if (parsed.TryGetValue(out value))
        {
            return true;
        }

        Refused = string.Format(System.Globalization.CultureInfo.CurrentCulture, refusal, parsed.Error);
        return false;
    }

    /// <summary>Whether <paramref name="text"/> is a whole number above zero; if not, the page refuses in <paramref name="refusal"/>, a format of the text ({0}).</summary>
    private bool Whole(string refusal, string text, out long value)
    {
        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value > 0)
        {
            return true;
        }

        Refused = string.Format(System.Globalization.CultureInfo.CurrentCulture, refusal, text);
        return false;
    }
}
