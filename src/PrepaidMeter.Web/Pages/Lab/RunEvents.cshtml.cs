using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Lab;

/// <summary>
/// A lab run's progress as server-sent events (<see cref="LabEvents"/>). A page handler rather than an endpoint of its own, so
/// the stream passes the same sign-in and permission gate as the run's page.
/// </summary>
[Needs(Permission.Lab)]
public sealed class RunEventsModel : LabRunPage
{
    /// <summary>The results the page already shows: the stream starts after them.</summary>
    [BindProperty(SupportsGet = true)]
    public int After { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Kept() is not { } run)
        {
            return NotKept();
        }

        // A browser that reconnects says which result it had last.
        var resume = int.TryParse(Request.Headers["Last-Event-ID"], out var last) ? last : 0;
        await LabEvents.StreamAsync(HttpContext, run, Math.Max(After, resume), HttpContext.RequestServices.GetRequiredService<TimeProvider>());
        return new EmptyResult();
    }
}
