using Microsoft.AspNetCore.Mvc;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Pages.Lab;

/// <summary>
/// A finished run's report: the page `prepaid lab run --report` or `prepaid certify` writes as report.html, served as it is. It
/// is a document of its own (inline styles, charts as data: images, no script), so it gets the printed receipt's policy.
/// </summary>
[Needs(Permission.Lab)]
public sealed class RunReportModel : LabRunPage
{
    public IActionResult OnGet()
    {
        if (Kept() is not { } run)
        {
            return NotKept();
        }

        if (run.Report() is not { } page)
        {
            return NotFinished(run, "report");
        }

        Response.Headers.ContentSecurityPolicy = SecureHeaders.PrintedPolicy;
        return Content(page, "text/html; charset=utf-8");
    }
}
