using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Books;

/// <summary>Meters (`vend meter list`, by status when asked) and a meter put in stock (`vend meter stock-in NUMBER --group CODE [--model M]`).</summary>
[Needs(Permission.Queries)]
public sealed class MetersModel : BooksPage
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty]
    public string? Number { get; set; }

    [BindProperty]
    public string? Group { get; set; }

    [BindProperty(Name = "Model")]
    public string? ModelName { get; set; }

    public IReadOnlyList<MeterInfo> All { get; private set; } = [];

    public IReadOnlyList<SupplyGroup> Groups { get; private set; } = [];

    public void OnGet(string? done)
    {
        Done = done is null ? null : L["Meter {0} is in stock.", done].Value;
        Load();
    }

    [Needs(Permission.Meters)]
    public IActionResult OnPostStockIn()
    {
        var number = MeterNumber.Parse(Number?.Trim());
        var group = SupplyGroupCode.Parse(Group?.Trim());
        if (!number.TryGetValue(out var meter))
        {
            Refused = L["meter number: {0}", number.Error ?? ""];
        }
        else if (!group.TryGetValue(out var code))
        {
            Refused = L["supply group: {0}", group.Error ?? ""];
        }
        else if (Shown(Office.Meters.StockIn(Operator, meter, code, ModelName ?? "")) is { } stocked)
        {
            return RedirectToPage("/Books/Meters", new { done = stocked.Number.ToString() });
        }

        var refused = Refused;
        Load();
        Refused = refused;
        return Page();
    }

    private void Load()
    {
        MeterStatus? status = null;
        if (!string.IsNullOrWhiteSpace(Status))
        {
            if (!Enum.TryParse<MeterStatus>(Status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                Refused = L["status '{0}' is none of stock, installed, removed and retired", Status ?? ""];
                return;
            }

            status = parsed;
        }

        All = Shown(Office.Meters.List(Operator, status)) ?? [];
        Groups = Shown(Office.Groups.List(Operator)) ?? [];
    }
}
