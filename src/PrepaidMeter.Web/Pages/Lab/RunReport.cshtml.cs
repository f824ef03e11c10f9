using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Lab;

/// <summary>
/// A finished run's report: the page `prepaid lab run --report` or `prepaid certify` writes as report.html, served as it is. It
/// is a document of its own (inline styles, charts as data: images, no script), so it gets the printed receipt's policy.
/// </summary>
[Needs(Permission.Lab)]
public sealed class RunReportModel : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public IActionResult OnGet()
    {
        if (HttpContext.RequestServices.GetRequiredService<LabRuns>().Find(Id) is not { } run)
        {
            return NotFound($"No lab run {Id} is kept by this console.");
        }

        if (run.Report() is not { } page)
        {
            return StatusCode(409, run.Progress.IsOver
                ? $"Lab run {Id} stopped before it finished ({run.Progress.Fault}); it has no report."
                : $"Lab run {Id} has not finished yet; its report is made when it has.");
        }

        Response.Headers.ContentSecurityPolicy = SecureHeaders.PrintedPolicy;
        return Content(page, "text/html; charset=utf-8");
    }
}
