using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Lab;

/// <summary>
/// A lab run: what is done so far, live through /lab/run/N/events with script (lab.js), refreshed every few seconds without;
/// once over, each scenario or clause with its failed expectations, the report and the JSON download.
/// </summary>
[Needs(Permission.Lab)]
public sealed class RunModel : LabRunPage
{
    /// <summary>How often the page reloads itself while the run is going and script is off.</summary>
    public const int RefreshSeconds = 2;

    public LabRun Run { get; private set; } = null!;

    /// <summary>The run as it was when the page was made: the page shows one consistent picture.</summary>
    public LabProgress Now { get; private set; }

    public IActionResult OnGet()
    {
        if (Kept() is not { } run)
        {
            return NotKept();
        }

        Run = run;
        Now = run.Progress;
        return Page();
    }
}
