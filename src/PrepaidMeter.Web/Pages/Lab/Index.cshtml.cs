using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Lab;

/// <summary>
/// The lab (function "lab"): the shipped scenarios and models, a form to run scenarios or certify a model on the virtual target,
/// and the runs this console keeps. A run is started and the browser goes to its page (POST, then GET).
/// </summary>
[Needs(Permission.Lab)]
public sealed class LabModel : ConsolePage
{
    public IReadOnlyList<Scenario> Scenarios { get; private set; } = [];

    public IReadOnlyList<MeterModel> Models { get; private set; } = [];

    public IReadOnlyList<LabRun> Runs { get; private set; } = [];

    /// <summary>The scenarios ticked (kept when a run is refused).</summary>
    [BindProperty]
    public List<string> Chosen { get; set; } = [];

    [BindProperty]
    public string? Model { get; set; }

    /// <summary>Where the run plays: "virtual", or "stack" when the console offers it (<see cref="OffersStack"/>).</summary>
    [BindProperty]
    public string Target { get; set; } = "virtual";

    public bool OffersStack => LabRuns.OffersStack;

    public string? Refused { get; private set; }

    private LabRuns LabRuns => HttpContext.RequestServices.GetRequiredService<LabRuns>();

    public void OnGet() => Load();

    public IActionResult OnPostRun() => Start(LabOrder.OfScenarios(Chosen));

    public IActionResult OnPostCertify() => Start(LabOrder.OfModel(Model));

    private IActionResult Start((LabOrder? Order, string? Mistake) parsed)
    {
        if (parsed.Order is not { } order)
        {
            return Refuse(parsed.Mistake!, 400);
        }

        if (Target != "virtual" && (Target != "stack" || !OffersStack))
        {
            return Refuse(OffersStack
                ? $"a run plays on the virtual or the stack target, not '{Target}'"
                : $"this console plays on the virtual target only, not '{Target}' (start it with --lab-stack for the stack)", 400);
        }

        order = order with { Target = Target };
        var (run, refusal) = LabRuns.Start(order, Operator.Login);
        return run is null ? Refuse(refusal!, 503) : Redirect($"/lab/run/{run.Id}");
    }

    private PageResult Refuse(string why, int status)
    {
        Refused = why;
        Response.StatusCode = status;
        Load();
        return Page();
    }

    private void Load()
    {
        Scenarios = ScenarioLibrary.All;
        Models = MeterModels.All;
        Runs = LabRuns.All;
    }
}
