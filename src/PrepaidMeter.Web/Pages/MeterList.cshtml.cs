using Microsoft.AspNetCore.Http;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;
using PrepaidMeter.Web.Meters;

namespace PrepaidMeter.Web.Pages;

/// <summary>
/// The meters the console may show (`prepaid web --meters`), each read now: its number linking its display, model, credit,
/// supply — or why its file cannot be read. Reading a meter's registers is a meter reading: the function is `readings`.
/// </summary>
[Needs(Permission.Readings)]
public sealed class MeterListModel : ConsolePage
{
    public IReadOnlyList<MeterFileReading> Readings { get; private set; } = [];

    public IReadOnlyList<string> Places => Shelf.Places;

    public async Task OnGetAsync()
    {
        if (!Shelf.Any)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        Readings = await Shelf.ReadAllAsync(HttpContext.RequestAborted);
    }
}
