using Microsoft.Playwright;
using PrepaidMeter.Web.Tests.Console;
using static Microsoft.Playwright.Assertions;

namespace PrepaidMeter.Web.Tests.Browser;

/// <summary>
/// The books in Debian's Chromium: an administrator registers a customer from the navigation's Customers page and finds them
/// by name, then reads a price type's history and adds a version from a later date; every control on those pages labelled.
/// Screenshots: console-books-*.png in <see cref="Screenshots.Folder"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BooksInBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task Administrator_AddsACustomerAndFindsThem_ThenSeesAndExtendsThePriceHistory()
    {
        await using var site = await ConsoleSite.StartAsync();
        await using var context = await chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsAdminAsync(site);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customers", Exact = true })).ToBeVisibleAsync();
        (await page.UnlabelledAsync()).ShouldBeEmpty();
        await page.Locator("#customer-name").FillAsync("Zhang San");
        await page.Locator("#customer-address").FillAsync("7 Elm Road");
        await page.Locator("#customer-contact").FillAsync("555-0199");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Customer 2 registered.");
        await Screenshots.SaveAsync(page, "console-books-customer");

        await page.GotoAsync(new Uri(site.Address, "/books/customers").ToString());
        await page.GetByLabel("Find by number, name, address or contact").FillAsync("zhang");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/books/customers\\?q=zhang$"));
        var rows = page.GetByTestId("customers").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Zhang San");
        await Screenshots.SaveAsync(page, "console-books-customers");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Prices" }).ClickAsync();
        var residential = page.GetByTestId("price-type").Filter(new() { HasText = "residential" });
        await Expect(residential.Locator("tbody tr")).ToHaveCountAsync(1);
        (await page.UnlabelledAsync()).ShouldBeEmpty();
        await residential.GetByLabel("Effective from").FillAsync("2099-01-01");
        await residential.GetByLabel("Flat price").FillAsync("0.62");
        await residential.GetByRole(AriaRole.Button, new() { Name = "Add the version" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("has a new version");
        var versions = page.GetByTestId("price-type").Filter(new() { HasText = "residential" }).Locator("tbody tr");
        await Expect(versions).ToHaveCountAsync(2);
        await Expect(versions.Nth(0).Locator("td").Nth(2)).ToHaveTextAsync("2099-01-01 00:00:00Z");
        await Expect(versions.Nth(1)).ToContainTextAsync("0.62");
        await Screenshots.SaveAsync(page, "console-books-prices");
    }

}
