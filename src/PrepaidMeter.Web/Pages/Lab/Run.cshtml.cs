using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Lab;

/// <summary>
/// A lab run: what is done so far, live through /lab/run/N/events with script (lab.js), refreshed every few seconds without;
/// once over, each scenario or clause with its failed expectations, the report and the JSON download.
/// </summary>
[Needs(Permission.Lab)]
public sealed class RunModel : ConsolePage
{
    /// <summary>How often the page reloads itself while the run is going and script is off.</summary>
    public const int RefreshSeconds = 2;

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public LabRun Run { get; private set; } = null!;

    /// <summary>The run as it was when the page was made: the page shows one consistent picture.</summary>
    public LabProgress Now { get; private set; }

    public IActionResult OnGet()
    {
        if (HttpContext.RequestServices.GetRequiredService<LabRuns>().Find(Id) is not { } run)
        {
            return NotFound($"No lab run {Id} is kept by this console (it keeps the last {LabRuns.Kept}, and none after a restart).");
        }

        Run = run;
        Now = run.Progress;
        return Page();
    }
}
