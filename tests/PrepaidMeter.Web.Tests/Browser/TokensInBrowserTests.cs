using Microsoft.Playwright;
using PrepaidMeter.Testing;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Web.Tests.Console;
using static Microsoft.Playwright.Assertions;

namespace PrepaidMeter.Web.Tests.Browser;

/// <summary>
/// The token counter in Debian's Chromium, as a clerk uses it: a token account found by the customer's name, a sale priced and
/// confirmed, the token read off the receipt and decoded under the meter's key, the 80 mm receipt printed; every control of the
/// token pages labelled. Screenshots go to <see cref="Screenshots.Folder"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TokensInBrowserTests(Chromium chromium) : IDisposable
{
    private readonly TempFolder _keys = new();

    public void Dispose() => _keys.Dispose();

    [Fact]
    public async Task Clerk_FindsATokenAccount_SellsAToken_AndPrintsItsReceipt()
    {
        await using var site = await TokenBooks.StartAsync(_keys);
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsAdminAsync(site);

        await page.GetByRole(AriaRole.Link, new() { Name = "Find an account" }).First.ClickAsync();
        await page.GetByLabel("Account id, meter or customer number, or part of a name, address or contact").FillAsync("Zhang");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.GetByTestId("token-counter").ClickAsync();
        await Expect(page.GetByTestId("drn")).ToHaveTextAsync($"600727 {TokenBooks.Drn}");
        (await page.UnlabelledAsync()).ShouldBeEmpty();
        await page.Locator("#amount").FillAsync("12.34");
        await page.GetByRole(AriaRole.Button, new() { Name = "Price it" }).ClickAsync();
        await Expect(page.GetByTestId("token-credit")).ToHaveTextAsync("12.40 kWh");
        await Screenshots.SaveAsync(page, "console-token-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sell and issue the token" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/token-receipt/\d+\?done=sold$"));
        var token = await page.GetByTestId("token").InnerTextAsync();
        TokenBooks.Decode(TokenBooks.VendingKey, 1, token).ShouldBeOfType<CreditToken>().Amount.Units.ShouldBe(124L);
        await Screenshots.SaveAsync(page, "console-token-receipt");
        var printed = await context.NewPageAsync();
        await printed.GotoAsync(new Uri(site.Address, new Uri(page.Url).AbsolutePath + "/print").ToString());
        await Expect(printed.GetByTestId("token")).ToHaveTextAsync(token);
        await Screenshots.SaveAsync(printed, "console-token-receipt-80mm");
        System.Text.Encoding.ASCII.GetString(await printed.PdfAsync(new() { PreferCSSPageSize = true }), 0, 5).ShouldBe("%PDF-");

        foreach (var path in new[] { "/counter/token/keychange?account=2", "/counter/token/management?account=2", "/books/groups" })
        {
            await page.GotoAsync(new Uri(site.Address, path).ToString());
            (await page.UnlabelledAsync()).ShouldBeEmpty(path);
        }
    }
}
