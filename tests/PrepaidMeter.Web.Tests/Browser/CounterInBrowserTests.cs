using Microsoft.Playwright;
using PrepaidMeter.Web.Tests.Console;
using static Microsoft.Playwright.Assertions;

namespace PrepaidMeter.Web.Tests.Browser;

/// <summary>
/// The counter in Debian's Chromium, as a clerk uses it: sign in, price and confirm a sale onto the card in the reader, read
/// and print the receipt, be told to swipe before a second sale, sell again after the swipe; every control labelled and a
/// whole sale made with the keyboard alone. Screenshots of the pages go to <see cref="Screenshots.Folder"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CounterInBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task Clerk_SellsPrintsIsToldToSwipe_ThenSellsAgainAfterTheSwipe()
    {
        await using var site = await ConsoleSite.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(site.Address, "/counter").ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await Screenshots.SaveAsync(page, "console-signin");
        await page.GetByLabel("Operator").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(ConsoleSite.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByTestId("reader")).ToHaveTextAsync("folder:cards");
        await Expect(page.GetByText("Li Wei")).ToBeVisibleAsync();
        await page.GetByLabel("money").CheckAsync();
        await page.Locator("#amount").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Price it" }).ClickAsync();
        await Expect(page.GetByTestId("to-take")).ToHaveTextAsync("5.00");
        await Screenshots.SaveAsync(page, "console-counter-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sell and write the card" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/receipt/\d+(\?done=\w+)?$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sold and written to the card");
        await Screenshots.SaveAsync(page, "console-receipt");
        var printed = await context.NewPageAsync();
        await printed.GotoAsync(new Uri(site.Address, new Uri(page.Url).AbsolutePath + "/print").ToString());
        await Expect(printed.GetByText("Li Wei").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(printed, "console-receipt-80mm");
        var pdf = await printed.PdfAsync(new() { PreferCSSPageSize = true });
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");

        await page.GotoAsync(new Uri(site.Address, "/counter").ToString());
        await Expect(page.GetByText("not yet swiped at the meter")).ToBeVisibleAsync();
        await page.Locator("#amount").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Price it" }).ClickAsync();
        await Expect(page.GetByTestId("next-step")).ToContainTextAsync("Card not swiped — swipe it at the meter first.");
        await Screenshots.SaveAsync(page, "console-counter-swipe-first");

        await site.Books.Swipe("Loaded");
        await page.GotoAsync(new Uri(site.Address, "/counter").ToString());
        await Expect(page.GetByText("loaded by the meter")).ToBeVisibleAsync();
        await page.Locator("#amount").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Price it" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sell and write the card" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/receipt/\d+(\?done=\w+)?$"));
    }

    [Fact]
    public async Task Clerk_WithTheKeyboardAlone_SignsInAndSells_EveryControlLabelled()
    {
        await using var site = await ConsoleSite.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(site.Address, "/signin").ToString());

        // The operator field has the focus when the page opens.
        await Expect(page.Locator("#login")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("admin");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#password")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(ConsoleSite.AdminPassword);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("reader")).ToBeVisibleAsync();
        (await page.UnlabelledAsync()).ShouldBeEmpty();

        await TabTo(page, "amount");
        await page.Keyboard.TypeAsync("10");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("to-take")).ToHaveTextAsync("5.00");
        (await page.UnlabelledAsync()).ShouldBeEmpty();

        await TabToButton(page, "Sell and write the card");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/receipt/\d+(\?done=\w+)?$"));
    }


    /// <summary>Presses Tab until the control with <paramref name="id"/> has the focus (at most 30 presses: a page's few controls).</summary>
    private static async Task TabTo(IPage page, string id)
    {
        for (var press = 0; press < 30; press++)
        {
            if (await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.id") == id)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new ShouldAssertException($"Tab never reached #{id}");
    }

    private static async Task TabToButton(IPage page, string text)
    {
        for (var press = 0; press < 30; press++)
        {
            if (await page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.textContent") is { } focused && focused.Trim() == text)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new ShouldAssertException($"Tab never reached the button '{text}'");
    }
}
