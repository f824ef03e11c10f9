using System.Net;
using PrepaidMeter.Cli.Tests;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// The counter in a browser without script, over real HTTP: a sale priced, then confirmed, written to the card in the reader,
/// its receipt shown and printed; a second sale before the swipe turned into the clerk's next step; the swipe at the meter,
/// then a sale again. The services are the CLI's: the card the page writes is the card `prepaid meter insert` loads.
/// </summary>
public sealed class CounterPageTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Sell_PricedThenConfirmed_WritesTheCardAndShowsItsReceipt(string store)
    {
        await using var site = await ConsoleSite.StartAsync(store);
        using var clerk = site.NewClerk();
        (await clerk.SignIn("admin", ConsoleSite.AdminPassword)).At!.AbsolutePath.ShouldBe("/counter");

        var counter = await clerk.Get("/counter");
        counter.Text.ShouldContain("Reader: folder:cards");
        counter.Html.ShouldContain("<option value=\"li\" selected=\"selected\">");
        counter.Text.ShouldContain("Li Wei");
        counter.Text.ShouldContain("loaded by the meter");

        var quote = await clerk.Quote("energy", "10");
        quote.Status.ShouldBe(HttpStatusCode.OK, quote.Text);
        quote.Text.ShouldContain("On the card 10.00 kWh");
        quote.Text.ShouldContain("To take from the customer 5.00");

        var sold = await clerk.Sell("energy", "10");
        sold.Status.ShouldBe(HttpStatusCode.OK, sold.Text);
        sold.At!.AbsolutePath.ShouldStartWith("/receipt/");
        sold.Text.ShouldContain("Sold and written to the card");

        var printed = await clerk.Get(sold.At.AbsolutePath + "/print");
        printed.Status.ShouldBe(HttpStatusCode.OK);
        printed.Html.ShouldContain("Li Wei");
        printed.Header("Content-Security-Policy").ShouldContain("style-src 'unsafe-inline'");
        (await clerk.Get(sold.At.AbsolutePath + "/print?kind=invoice")).Html.ShouldContain("size: A4");

        await site.Books.Swipe("Loaded");
        (await clerk.Get("/counter")).Text.ShouldContain("loaded by the meter");
    }

    [Fact]
    public async Task Sell_AgainBeforeTheSwipe_SaysSwipeItAtTheMeterFirst_ThenSellsAfterIt()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        (await clerk.Sell("money", "5")).At!.AbsolutePath.ShouldStartWith("/receipt/");

        (await clerk.Get("/counter")).Text.ShouldContain("not yet swiped at the meter");
        var refused = await clerk.Quote("money", "5");
        refused.Text.ShouldContain("Card not swiped — swipe it at the meter first.");
        refused.Html.ShouldNotContain("data-testid=\"quote\"");
        (await clerk.Sell("money", "5")).Text.ShouldContain("Card not swiped — swipe it at the meter first.");
        var unquoted = await clerk.Post("/counter?handler=Sell", "/counter", ("Unit", "money"), ("Amount", "5"));
        unquoted.Refusal.ShouldBe("price the sale first: the sale sells what its quote showed");

        await site.Books.Swipe("Loaded");
        (await clerk.Quote("money", "5")).Text.ShouldContain("To take from the customer 5.00");
    }

    [Theory]
    [InlineData("energy", "ten", "amount 'ten'")]
    [InlineData("coins", "5", "sell by energy, money or volume, not 'coins'")]
    [InlineData("volume", "2", "sells kWh or money, not")]
    public async Task Quote_WhatTheBackOfficeRefuses_IsSaidOnThePage(string unit, string amount, string said)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);

        var refused = await clerk.Quote(unit, amount);

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Refusal.ShouldNotBeNull().ShouldContain(said);
        refused.Html.ShouldNotContain("data-testid=\"quote\"");
    }

    [Fact]
    public async Task Confirm_AfterAnotherCardWasPutIn_IsRefusedAndSellsNothing()
    {
        await using var site = await ConsoleSite.StartAsync();
        (await site.Books.Vend("--card", "other", "card", "blank", "--group", "100001")).Exit.ShouldBe(0);
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        var quote = await clerk.Quote("energy", "10");

        var refused = await clerk.Confirm(quote, "energy", "10", account: "2");

        refused.Refusal.ShouldBe("the card in the reader is account 1's, not account 2's that was priced; nothing was sold: price it again");
        (await clerk.Get("/counter")).Text.ShouldContain("loaded by the meter");
    }

    [Fact]
    public async Task Confirm_AfterThePriceChanged_IsRefusedSayingTheNewSum()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        var quote = await clerk.Quote("energy", "10");
        quote.Text.ShouldContain("To take from the customer 5.00");
        KeyFolder.Office(site.Books.Db).Accounts.ChargeArrears(
            KeyFolder.Office(site.Books.Db).Operators.Login("admin", ConsoleSite.AdminPassword).Value, 1, Core.Money.FromUnits(2m), "meter fee").Success.ShouldBeTrue();

        var refused = await clerk.Confirm(quote, "energy", "10", quote.Hidden("QuotedAccount")!);

        refused.Refusal.ShouldBe("the sale now comes to 7.00 for 10.00 kWh, not the 5.00 priced; nothing was sold: price it again");
        (await clerk.Sell("energy", "10")).At!.AbsolutePath.ShouldStartWith("/receipt/");
    }

    [Fact]
    public async Task ChangeTheAmount_BringsBackTheFormAsTheClerkLeftIt()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        var quote = await clerk.Quote("money", "7.5");

        var again = await clerk.Get("/counter?Unit=money&Amount=7.5");

        quote.Html.ShouldContain("href=\"/counter?Unit=money&amp;Amount=7.5\"");
        again.Html.ShouldContain("id=\"amount\" name=\"Amount\" value=\"7.5\"");
        again.Html.ShouldContain("id=\"sell-money\" name=\"Unit\" value=\"money\" checked=\"checked\"");
    }

    [Fact]
    public async Task Receipt_ThatDoesNotExist_IsNotFound_ThePageAndItsPrint()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);

        var page = await clerk.Get("/receipt/999");
        var printed = await clerk.Get("/receipt/999/print");

        page.Status.ShouldBe(HttpStatusCode.NotFound);
        page.Refusal.ShouldBe("no receipt 999");
        printed.Status.ShouldBe(HttpStatusCode.NotFound);
        printed.Html.ShouldBe("no receipt 999");
    }
}
