using System.Net;
using PrepaidMeter.Cli.Tests;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// The counter's card work beside selling, in the browser without script: a sale corrected or cancelled before the swipe,
/// partner payments written to the card, another card file put in the reader, a blank card made a new account's card, a
/// lost card's replacement or a tool card, a card recycled — each one service call, as `prepaid vend` makes it.
/// </summary>
public sealed class CardWorkPageTests
{
    [Fact]
    public async Task Correct_BeforeTheSwipe_RewritesTheSaleWithTheNewAmount()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);
        await clerk.Sell("energy", "10");
        (await clerk.Get("/counter")).Text.ShouldContain("Before the swipe: correct or cancel the last sale");

        var corrected = await clerk.Post("/counter?handler=Correct", "/counter", ("Unit", "energy"), ("Amount", "20"));

        corrected.At!.AbsolutePath.ShouldStartWith("/receipt/");
        (await clerk.Get(corrected.At.AbsolutePath + "/print")).Text.ShouldContain("20.00 kWh");
        await site.Books.Swipe("Loaded");
        (await site.Books.Vend("query", "purchases")).Out.ShouldContain("20.00");
    }

    [Fact]
    public async Task Cancel_BeforeTheSwipe_PutsTheCardBackToThePurchaseBefore()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);
        await clerk.Sell("energy", "10");

        var cancelled = await clerk.Post("/counter?handler=Cancel", "/counter");

        cancelled.At!.AbsolutePath.ShouldStartWith("/receipt/");
        cancelled.Text.ShouldContain("The last sale cancelled: the card is back to the purchase before.");
        var counter = await clerk.Get("/counter");
        counter.Text.ShouldContain("loaded by the meter");
        counter.Text.ShouldNotContain("Before the swipe");
    }

    [Fact]
    public async Task PartnerPayments_Waiting_AreShown_ThenWrittenToTheCard()
    {
        await using var site = await ConsoleSite.StartAsync();
        var key = await site.Books.AddPartner("River Bank");
        var office = KeyFolder.Office(site.Books.Db);
        office.Payments.Take(key, new PaymentRequest("bank-1", CustomerNumber.Parse("1").GetValueOrThrow(), null, Money.FromUnits(20m), "teller 3")).Success.ShouldBeTrue();
        using var clerk = await SignedIn(site);

        var counter = await clerk.Get("/counter");
        counter.Text.ShouldContain("Partner payments waiting");
        counter.Text.ShouldContain("20.00 from River Bank (teller 3)");

        var collected = await clerk.Post("/counter?handler=Collect", "/counter");

        collected.At!.AbsolutePath.ShouldStartWith("/receipt/");
        (await clerk.Get("/counter")).Html.ShouldNotContain("data-testid=\"waiting\"");
    }

    [Fact]
    public async Task BlankCard_PutIn_BecomesANewAccountsCard_WithItsFirstPurchase()
    {
        await using var site = await ConsoleSite.StartAsync();
        (await site.Books.Vend("--card", "zhang", "card", "blank", "--group", "100001")).Exit.ShouldBe(0);
        (await site.Books.Vend("customer", "add", "--name", "Zhang Min")).Exit.ShouldBe(0);
        (await site.Books.Vend("meter", "stock-in", "12345679", "--group", "100001")).Exit.ShouldBe(0);
        using var clerk = await SignedIn(site);

        var blank = await clerk.Post("/counter?handler=PutIn", "/counter", ("CardFile", "zhang"));
        blank.Text.ShouldContain("Open an account on this card");

        var opened = await clerk.Post("/counter?handler=Open", "/counter",
            ("Customer", "2"), ("Meter", "12345679"), ("PriceType", "1"), ("Unit", "energy"), ("Amount", "15"));

        opened.At!.AbsolutePath.ShouldStartWith("/receipt/");
        var counter = await clerk.Get("/counter");
        counter.Text.ShouldContain("Zhang Min");
        counter.Html.ShouldContain("<option value=\"zhang\" selected=\"selected\">");
    }

    [Fact]
    public async Task BlankCard_WrittenAsACheckCard_ThenRecycledToBlank()
    {
        await using var site = await ConsoleSite.StartAsync();
        (await site.Books.Vend("--card", "tool", "card", "blank", "--group", "100001")).Exit.ShouldBe(0);
        using var clerk = await SignedIn(site);
        await clerk.Post("/counter?handler=PutIn", "/counter", ("CardFile", "tool"));

        var written = await clerk.Post("/counter?handler=Tool", "/counter", ("ToolKind", "check"), ("Group", "100001"), ("Meter", "0"));
        written.Text.ShouldContain("check card written for supply group 100001");

        var recycled = await clerk.Post("/counter?handler=Recycle", "/counter");
        recycled.Text.ShouldContain("recycled: it is blank again");
        recycled.Text.ShouldContain("Write a tool card");
    }

    [Fact]
    public async Task BlankCard_ReissuedForALostCard_WithItsReason()
    {
        await using var site = await ConsoleSite.StartAsync();
        (await site.Books.Vend("--card", "spare", "card", "blank", "--group", "100001")).Exit.ShouldBe(0);
        using var clerk = await SignedIn(site);
        await clerk.Post("/counter?handler=PutIn", "/counter", ("CardFile", "spare"));

        var reissued = await clerk.Post("/counter?handler=Reissue", "/counter", ("Account", "1"), ("Reason", "lost at the market"));

        reissued.Text.ShouldContain("card reissued for account 1 (Li Wei)");
        (await site.Books.Vend("query", "reissues")).Out.ShouldContain("lost at the market");
    }

    [Theory]
    [InlineData("/counter?handler=PutIn", "CardFile", "nobody", "no card file 'nobody'")]
    [InlineData("/counter?handler=Reissue", "Account", "one", "account: a whole number above zero, not 'one'")]
    [InlineData("/counter?handler=Tool", "ToolKind", "magic", "a tool card is set, check, clear, zero or test, not 'magic'")]
    public async Task CardWork_AMistakeInTheForm_IsSaidOnThePage(string path, string field, string value, string said)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var refused = await clerk.Post(path, "/counter", (field, value));

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Text.ShouldContain(said);
    }

    private static async Task<ConsoleSite.Clerk> SignedIn(ConsoleSite site)
    {
        var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        return clerk;
    }
}
