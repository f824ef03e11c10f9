namespace PrepaidMeter.Web.Tests.Console;

/// <summary>The counter's search for an account without its card: by meter number, customer name or account id (`vend account search`).</summary>
public sealed class CounterFindPageTests
{
    [Theory]
    [InlineData("12345678")]
    [InlineData("li wei")]
    [InlineData("1")]
    public async Task Find_AMeterANameOrAnId_ListsTheAccountWithItsNextSteps(string typed)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);

        var found = await clerk.Get("/counter/find?q=" + Uri.EscapeDataString(typed));

        found.Html.ShouldContain("data-testid=\"accounts\"");
        found.Text.ShouldContain("— Li Wei");
        found.Text.ShouldContain("000012345678");
        found.Html.ShouldContain("href=\"/meter-change?account=1\"");
    }

    [Fact]
    public async Task Find_NothingMatches_SaysSo_AndAnEmptyBoxSaysNothing()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);

        (await clerk.Get("/counter/find?q=nobody")).Text.ShouldContain("No open account matches 'nobody'.");
        var empty = await clerk.Get("/counter/find");
        empty.Refusal.ShouldBeNull();
        empty.Html.ShouldNotContain("data-testid=\"none\"");
    }
}
