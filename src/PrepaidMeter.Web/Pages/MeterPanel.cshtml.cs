using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;
using PrepaidMeter.Web.Meters;

namespace PrepaidMeter.Web.Pages;

/// <summary>
/// One meter's display as its LCD shows it, read from its NVRAM file now (a reload shows the current state); with script, the
/// panel follows the live stream (<see cref="OnGetStreamAsync"/>). Only reads the file: the meter (`meter run`, the lab) writes it.
/// </summary>
[Needs(Permission.Readings)]
public sealed class MeterPanelModel : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string Number { get; set; } = "";

    public MeterFileReading? Reading { get; private set; }

    /// <summary>Why there is no meter to show (the page says it in words); null when there is one.</summary>
    public Missing? Why { get; private set; }

    /// <summary>What is wrong with <see cref="Number"/> when it is not a meter number.</summary>
    public string? NumberError { get; private set; }

    public enum Missing
    {
        /// <summary>The console was started without --meters.</summary>
        NoMeters,
        NotANumber,
        NoSuchMeter,
    }

    public async Task OnGetAsync()
    {
        Reading = await FindAsync();
        if (Reading is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    /// <summary>
    /// `?handler=Stream`: the display as server-sent events, once now and again whenever the file changes into another
    /// display. It ends when the browser goes away, the console stops (it never holds up a shutdown) or the session ends
    /// (<see cref="StreamLease"/>).
    /// </summary>
    public async Task<IActionResult> OnGetStreamAsync()
    {
        if (await FindAsync() is not { } reading)
        {
            // The page itself says why in words; a stream that cannot start needs no more than its status.
            return NotFound();
        }

        using var lease = StreamLease.For(HttpContext);
        await DisplayStream.RunAsync(Response, Shelf, reading.Path, HttpContext.RequestServices.GetRequiredService<TimeProvider>(), lease.Token);
        return new EmptyResult();
    }

    private async Task<MeterFileReading?> FindAsync()
    {
        if (!Shelf.Any)
        {
            Why = Missing.NoMeters;
            return null;
        }

        var parsed = MeterNumber.Parse(Number);
        if (!parsed.TryGetValue(out var number))
        {
            (Why, NumberError) = (Missing.NotANumber, parsed.Error);
            return null;
        }

        var found = await Shelf.FindAsync(number, HttpContext.RequestAborted);
        if (found is null)
        {
            Why = Missing.NoSuchMeter;
        }

        return found;
    }

    public IReadOnlyList<string> Places => Shelf.Places;
}
