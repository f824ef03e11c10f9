using Microsoft.Playwright;
using PrepaidMeter.Web.Tests.Console;
using static Microsoft.Playwright.Assertions;

namespace PrepaidMeter.Web.Tests.Browser;

/// <summary>
/// The lab in Debian's Chromium, as issue 27 asks: a scenario run from the lab's page and watched to its end. The run page
/// follows the run through its event stream (lab.js, under the console's CSP) and shows the result when the run is over. The
/// scenario takes long enough (about half a second) that the page loads while it plays and lab.js follows it; were it over
/// first, the page would show the same result at once, so the test holds either way and never waits on timing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LabInBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task Operator_RunsAScenario_AndWatchesItFinish()
    {
        await using var site = await ConsoleSite.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };
        await page.SignInAsAdminAsync(site);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Lab" }).ClickAsync();
        await page.GetByLabel("card-not-swiped", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the scenarios" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/lab/run/1$"));
        await Expect(page.GetByTestId("state")).ToHaveAttributeAsync("data-state", "finished");
        await Expect(page.GetByTestId("state")).ToContainTextAsync("passed");
        await Expect(page.GetByTestId("done").Locator("li")).ToContainTextAsync("card-not-swiped");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "The report" })).ToBeVisibleAsync();
        blocked.ShouldBeEmpty("no script or style was refused by the page's policy");
        await Screenshots.SaveAsync(page, "console-lab-run");
    }
}
