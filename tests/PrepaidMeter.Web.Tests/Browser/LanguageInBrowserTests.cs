using Microsoft.Playwright;
using PrepaidMeter.Web.Tests.Console;
using static Microsoft.Playwright.Assertions;

namespace PrepaidMeter.Web.Tests.Browser;

/// <summary>
/// The console in a Chinese browser: Chromium's locale zh-CN (its Accept-Language) gets the pages in Simplified Chinese; the
/// bar's English button (a form, no script) switches to English and stays on the same page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageInBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task ChineseBrowser_SeesTheCounterInChinese_ThenSwitchesToEnglishOnTheSamePage()
    {
        await using var site = await ConsoleSite.StartAsync();
        await using var context = await chromium.NewContextAsync(locale: "zh-CN");
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(site.Address, "/signin").ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await page.Locator("#login").FillAsync("admin");
        await page.Locator("#password").FillAsync(ConsoleSite.AdminPassword);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.GotoAsync(new Uri(site.Address, "/counter").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("售电");
        await page.Locator("#amount").FillAsync("5");
        await page.Locator("form[action*=Quote] button").ClickAsync();
        await Expect(page.GetByTestId("quote")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "console-counter-zh");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Counter");
        await Expect(page).ToHaveURLAsync(new Uri(site.Address, "/counter").ToString());
    }
}
