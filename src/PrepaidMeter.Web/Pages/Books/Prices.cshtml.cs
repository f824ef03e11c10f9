using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Books;

/// <summary>
/// Prices (电价): each price type with its versions and their effective dates (`vend price list`, `vend price history`), and a new
/// version from a date (`vend price adjust`: a flat price or a tariff's JSON, exactly one, as the CLI's --flat or --tariff).
/// </summary>
[Needs(Permission.Queries)]
public sealed class PricesModel : BooksPage
{
    /// <summary>The price type the adjust form posted for (its id, as `vend price adjust ID`).</summary>
    [BindProperty]
    public long TypeId { get; set; }

    [BindProperty]
    public string? Flat { get; set; }

    [BindProperty]
    public string? Tariff { get; set; }

    [BindProperty]
    public string? From { get; set; }

    public IReadOnlyList<(PriceType Type, IReadOnlyList<PriceVersion> Versions)> Types { get; private set; } = [];

    public void OnGet(string? done)
    {
        Done = done is null ? null : L["Price type {0} has a new version.", done].Value;
        Load();
    }

    [Needs(Permission.Prices)]
    public IActionResult OnPostAdjust()
    {
        if (Definition() is { } json)
        {
            if (ParseMoment(From) is not { } at)
            {
                Refused = L["effective from: a date (2026-12-01) or an ISO-8601 moment"];
            }
            else if (Shown(Office.Prices.Adjust(Operator, TypeId, json, at)) is not null)
            {
                return RedirectToPage("/Books/Prices", null, new { done = TypeId }, $"type-{TypeId}");
            }
        }

        var refused = Refused;
        Load();
        Refused = refused;
        return Page();
    }

    /// <summary>The tariff's JSON from the form: a flat price made into one, or the JSON as typed; null (and why) otherwise.</summary>
    private string? Definition()
    {
        if (string.IsNullOrWhiteSpace(Flat) == string.IsNullOrWhiteSpace(Tariff))
        {
            Refused = L["give exactly one of a flat price or a tariff's JSON"];
            return null;
        }

        if (string.IsNullOrWhiteSpace(Flat))
        {
            return Tariff;
        }

        var price = UnitPrice.Parse(Flat);
        if (!price.TryGetValue(out var value))
        {
            Refused = L["flat price: {0}", price.Error ?? ""];
            return null;
        }

        return TariffDefinitions.ToJson(TariffDefinitions.Flat(value));
    }

    private void Load()
    {
        if (Shown(Office.Prices.List(Operator)) is not { } types)
        {
            return;
        }

        var all = new List<(PriceType, IReadOnlyList<PriceVersion>)>();
        foreach (var type in types)
        {
            all.Add((type, Shown(Office.Prices.History(Operator, type.Id)) ?? []));
        }

        Types = all;
    }
}
