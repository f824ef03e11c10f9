using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Lab;

/// <summary>
/// A page of one lab run (/lab/run/N and what hangs off it: its events, report and JSON): the run by its number, and the two
/// answers every such page gives alike — 404 for a run the console does not keep, 409 for a run without results yet.
/// </summary>
public abstract class LabRunPage : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    protected LabRuns LabRuns => HttpContext.RequestServices.GetRequiredService<LabRuns>();

    /// <summary>The run, or null (answer <see cref="NotKept"/>).</summary>
    protected LabRun? Kept() => LabRuns.Find(Id);

    protected NotFoundObjectResult NotKept() =>
        NotFound($"No lab run {Id} is kept by this console (it keeps the last {LabRuns.Kept}, and none after a restart).");

    /// <summary>409: <paramref name="run"/> has no <paramref name="what"/> (its results, its report) — not finished yet, or stopped.</summary>
    protected ObjectResult NotFinished(LabRun run, string what) => StatusCode(409, run.Progress.IsOver
        ? $"Lab run {Id} stopped before it finished ({run.Progress.Fault}); it has no {what}."
        : $"Lab run {Id} has not finished yet; its {what} will be there when it has.");
}
