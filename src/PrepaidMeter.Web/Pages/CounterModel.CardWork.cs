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
            Refused = problem;
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
            Done = $"card {recycled.Value} recycled: it is blank again";
        }
        else
        {
            Show(recycled.Refusal);
        }

        return await ThisPageAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostOpenAsync(CancellationToken cancellationToken)
    {
        if (!Parsed("customer number", CustomerNumber.Parse(Customer), out var customer)
            || !Parsed("meter number", MeterNumber.Parse(Meter), out var meter)
            || !Whole("price type", PriceType, out var priceType)
            || Purchase() is not { } first)
        {
            return ToReceiptAsync(null, "opened", cancellationToken);
        }

        return ToReceiptAsync(reader => Office.Accounts.OpenAsync(Operator, reader, customer, meter, priceType, first), "opened", cancellationToken);
    }

    public async Task<IActionResult> OnPostReissueAsync(CancellationToken cancellationToken)
    {
        if (Whole("account", Account, out var accountId))
        {
            var reissued = await Desk.WithCardAsync(reader => Office.Cards.ReissueAsync(Operator, reader, accountId, Reason), cancellationToken);
            if (reissued.Success)
            {
                Done = $"card reissued for account {reissued.Value.Id} ({reissued.Value.CustomerName}): card {reissued.Value.CardSerial}, purchase {reissued.Value.PurchaseCount}";
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
            Refused = $"a tool card is set, check, clear, zero or test, not '{ToolKind}'";
        }
        else if (Parsed("supply group", SupplyGroupCode.Parse(Group), out var group) && Parsed("meter number", MeterNumber.Parse(Meter), out var meter))
        {
            var written = await Desk.WithCardAsync(reader => Office.Cards.IssueToolCardAsync(Operator, reader, kind.Value, group, meter), cancellationToken);
            if (written.Success)
            {
                Done = $"{ToolKind} card written for supply group {group}";
            }
            else
            {
                Show(written.Refusal);
            }
        }

        return await ThisPageAsync(cancellationToken);
    }

    private bool Parsed<T>(string what, ParseResult<T> parsed, out T value)
    {
        if (parsed.TryGetValue(out value))
        {
            return true;
        }

        Refused = $"{what}: {parsed.Error}";
        return false;
    }

    private bool Whole(string what, string text, out long value)
    {
        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && value > 0)
        {
            return true;
        }

        Refused = $"{what}: a whole number above zero, not '{text}'";
        return false;
    }
}
