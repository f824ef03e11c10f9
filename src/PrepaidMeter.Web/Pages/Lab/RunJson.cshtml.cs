using System.Text;
using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Lab;

/// <summary>A finished run's results as JSON, a download: what `prepaid lab run --json` prints, or the results.json `prepaid certify` writes.</summary>
[Needs(Permission.Lab)]
public sealed class RunJsonModel : LabRunPage
{
    public IActionResult OnGet()
    {
        if (Kept() is not { } run)
        {
            return NotKept();
        }

        if (run.Progress.Outcome is not { } outcome)
        {
            return NotFinished(run, "results");
        }

        return File(Encoding.UTF8.GetBytes(outcome.Json()), "application/json", $"lab-run-{Id}.json");
    }
}
