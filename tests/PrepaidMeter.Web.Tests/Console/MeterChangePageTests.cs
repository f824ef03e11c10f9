using System.Net;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cli.Tests;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// Meter change at the counter, in its two visits, on a folder reader whose other card files are the second card: the blank
/// written as the meter-change card beside the swiped user card; the old meter's credit written onto it at the meter; the
/// credit moved onto the user card for the new meter — each one service call, as `prepaid vend meter-change` makes it.
/// </summary>
public sealed class MeterChangePageTests
{
    private const string NewMeter = "12345679";

    [Fact]
    public async Task MeterChange_BothVisits_MoveTheOldMetersCreditOntoTheUserCard()
    {
        await using var site = await ConsoleSite.StartAsync();
        (await site.Books.Vend("--card", "chg", "card", "blank", "--group", "100001")).Exit.ShouldBe(0);
        (await site.Books.Vend("meter", "stock-in", NewMeter, "--group", "100001")).Exit.ShouldBe(0);
        using var clerk = await SignedIn(site);
        await clerk.Post("/counter?handler=PutIn", "/counter", ("CardFile", "chg"));

        var page = await clerk.Get("/meter-change");
        page.Text.ShouldContain("another card file of");
        var issued = await clerk.Post("/meter-change?handler=Issue", "/meter-change", ("Account", "1"), ("SecondCard", "li"));

        issued.Refusal.ShouldBeNull();
        issued.Html.ShouldContain("data-testid=\"done\"", Shouldly.Case.Sensitive, issued.Text);
        issued.Text.ShouldContain("written for meter 000012345678: insert it in the old meter");
        (await Prepaid.RunAsync("meter", "insert", "-m", MeterFile(site), Path.Combine(site.Books.CardFolder, "chg.hex"))).Out.ShouldStartWith("CreditTransferred");

        await clerk.Post("/counter?handler=PutIn", "/counter", ("CardFile", "li"));
        var completed = await clerk.Post("/meter-change?handler=Complete", "/meter-change", ("NewMeter", NewMeter), ("SecondCard", "chg"));

        completed.At!.AbsolutePath.ShouldStartWith("/receipt/");
        completed.Text.ShouldContain("written to the user card for the new meter");
        (await site.Books.Vend("query", "changes")).Out.ShouldContain(NewMeter);
        (await clerk.Get("/counter")).Text.ShouldContain(NewMeter);
    }

    [Fact]
    public async Task Issue_UserCardNotSwiped_IsTheClerksNextStep_AndWritesNothing()
    {
        await using var site = await ConsoleSite.StartAsync();
        (await site.Books.Vend("--card", "chg", "card", "blank", "--group", "100001")).Exit.ShouldBe(0);
        using var clerk = await SignedIn(site);
        await clerk.Sell("energy", "5");
        await clerk.Post("/counter?handler=PutIn", "/counter", ("CardFile", "chg"));

        var refused = await clerk.Post("/meter-change?handler=Issue", "/meter-change", ("Account", "1"), ("SecondCard", "li"));

        refused.Html.ShouldContain("data-testid=\"next-step\"");
        refused.Text.ShouldContain("Card not swiped — swipe it at the meter first.");
        (await clerk.Get("/counter")).Text.ShouldContain("Open an account on this card"); // chg is blank still
    }

    [Theory]
    [InlineData("Issue", "Account", "one", "account: a whole number above zero, not 'one'")]
    [InlineData("Issue", "SecondCard", "li", "the card file 'li' is the one in the reader: the second card is another")]
    [InlineData("Issue", "SecondCard", "nobody", "choose the second card's file in")]
    [InlineData("Complete", "NewMeter", "x1", "new meter: ")]
    public async Task Forms_WithABadField_SayWhatIsWrong(string handler, string field, string value, string said)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);
        var fields = new Dictionary<string, string> { ["Account"] = "1", ["NewMeter"] = NewMeter, ["SecondCard"] = "li" };
        fields[field] = value;

        var refused = await clerk.Post($"/meter-change?handler={handler}", "/meter-change", [.. fields.Select(f => (f.Key, f.Value))]);

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Refusal.ShouldNotBeNull().ShouldContain(said);
    }

    [Fact]
    public async Task OneCardReader_WithoutASecondReader_SaysHowToStartTheConsoleForIt()
    {
        await using var site = await ConsoleSite.StartAsync("sqlite", _ => (new InMemoryCardReader(), "memory"));
        using var clerk = await SignedIn(site);

        var page = await clerk.Get("/meter-change");

        page.Text.ShouldContain("prepaid web --second-reader pcsc:NAME");
        page.Html.ShouldNotContain("handler=Issue");
    }

    [Fact]
    public async Task Cashier_MeterChange_IsNotAllowed()
    {
        await using var site = await ConsoleSite.StartAsync();
        Environment.SetEnvironmentVariable("PREPAID_NEW_PASSWORD", "cashier-pass-1");
        (await site.Books.Vend("operator", "add", "wang", "--name", "Wang Fang", "--role", "cashier")).Exit.ShouldBe(0);
        using var cashier = site.NewClerk();
        await cashier.SignIn("wang", "cashier-pass-1");

        var denied = await cashier.Get("/meter-change");

        denied.Status.ShouldBe(HttpStatusCode.Forbidden);
        denied.Text.ShouldContain("may not use 'meter-change'");
        (await cashier.Get("/counter")).Html.ShouldNotContain("href=\"/meter-change\"");
    }

    private static string MeterFile(ConsoleSite site) => Path.Combine(Path.GetDirectoryName(site.Books.CardFolder)!, "m.nvram");

    private static async Task<ConsoleSite.Clerk> SignedIn(ConsoleSite site)
    {
        var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        return clerk;
    }
}
