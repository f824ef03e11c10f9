using Microsoft.Playwright;
using PrepaidMeter.Core;
using PrepaidMeter.Web.Tests.Console;
using PrepaidMeter.Web.Tests.Meters;
using static Microsoft.Playwright.Assertions;

namespace PrepaidMeter.Web.Tests.Browser;

/// <summary>
/// The meter display in Debian's Chromium: the LCD panel opened from the navigation, then a card inserted at the meter and the
/// meter saved — the panel changes by itself (the page's script on the live stream, under the console's script-src 'self').
/// Screenshot: console-meter-display.png in <see cref="Screenshots.Folder"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MeterDisplayInBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task MeterDisplay_FollowsTheMeterFile_WhenACardIsInserted()
    {
        using var meters = new MeterBench();
        var meter = meters.EnergyMeter();
        await using var site = await ConsoleSite.StartWithMetersAsync(meters.Folder);
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        var refusedScripts = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refusedScripts.Add(message.Text);
            }
        };
        await page.SignInAsAdminAsync(site);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Meter display" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = MeterBench.Energy.ToString() }).ClickAsync();
        var credit = page.GetByTestId("credit");
        await Expect(credit).ToHaveTextAsync("60.00");
        await Expect(page.GetByTestId("live")).ToContainTextAsync("Live:");

        meters.InsertAndSave(meter, 2, CreditAmount.Of(Energy.FromKilowattHours(20m))).Accepted.ShouldBeTrue();

        await Expect(credit).ToHaveTextAsync("80.00");
        await Expect(page.GetByTestId("last-card")).ToHaveTextAsync("User card 20260001: Loaded");
        await Screenshots.SaveAsync(page, "console-meter-display");
        refusedScripts.ShouldBeEmpty();
    }
}
