using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using PrepaidMeter.Vending;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Web.Meters;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// A page of the console: it calls the back office's services as the signed-in operator (<see cref="OperatorGate"/> finds the
/// session and checks the page's <see cref="NeedsAttribute"/> before a handler runs). Pages hold no business rule: they turn a
/// form into a service call and a result or refusal into words.
/// </summary>
public abstract class ConsolePage : PageModel
{
    /// <summary>The signed-in operator's back-office session; set before every handler of a page that needs one.</summary>
    public OperatorSession Operator { get; internal set; } = null!;

    protected BackOffice Office => HttpContext.RequestServices.GetRequiredService<WebConsoleOptions>().Office;

    /// <summary>The page's own sentences in the request's language (the pages' <c>L</c> too): the English text is the key.</summary>
    protected IStringLocalizer<ConsoleText> L => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ConsoleText>>();

    protected CounterDesk Desk => HttpContext.RequestServices.GetRequiredService<CounterDesk>();

    /// <summary>The meter files the console may show (`--meters`); empty when none was given.</summary>
    protected MeterShelf Shelf => HttpContext.RequestServices.GetRequiredService<MeterShelf>();

    /// <summary>Whether the console was given meters to display: the navigation links the meter display only then.</summary>
    public bool ShowsMeters => Shelf.Any;

    /// <summary>
    /// The purchase an amount form asks for (the card counter's and the token counter's, alike); null with <paramref name="mistake"/>
    /// said in the clerk's language when the unit or the amount does not parse, and then nothing is called.
    /// </summary>
    protected PurchaseRequest? ReadPurchase(string unit, string amount, out string? mistake)
    {
        mistake = null;
        if (!PurchaseRequest.Units.Contains(unit))
        {
            mistake = L["sell by energy, money or volume, not '{0}'", unit];
            return null;
        }

        if (PurchaseRequest.Parse(unit, amount) is var parsed && parsed.TryGetValue(out var request))
        {
            return request;
        }

        mistake = L["amount '{0}': {1}", amount, parsed.Error ?? ""];
        return null;
    }

    /// <summary>Whether the operator's role holds <paramref name="permission"/> (for showing only the links a clerk may follow).</summary>
    public bool May(Permission permission) => Operator?.Has(permission) == true;
}
