using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Lab;

/// <summary>A finished run's results as JSON, a download: what `prepaid lab run --json` prints, or the results.json `prepaid certify` writes.</summary>
[Needs(Permission.Lab)]
public sealed class RunJsonModel : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public IActionResult OnGet()
    {
        if (HttpContext.RequestServices.GetRequiredService<LabRuns>().Find(Id) is not { } run)
        {
            return NotFound($"No lab run {Id} is kept by this console.");
        }

        if (run.Progress.Outcome is not { } outcome)
        {
            return StatusCode(409, run.Progress.IsOver
                ? $"Lab run {Id} stopped before it finished ({run.Progress.Fault}); it has no results."
                : $"Lab run {Id} has not finished yet; its results are ready when it has.");
        }

        return File(Encoding.UTF8.GetBytes(outcome.Json()), "application/json", $"lab-run-{Id}.json");
    }
}
