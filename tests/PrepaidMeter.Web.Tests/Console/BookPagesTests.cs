using System.Net;
using PrepaidMeter.Cli.Tests;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// The books' pages over real HTTP (docs/web.md, "Books"): customers found, registered and changed; meters stocked in; each
/// price type's versions with their effective dates and a new one added; supply groups without their maintenance code; the
/// queries with the CLI's filters; operators and roles; the operation log and `audit verify`; and a cashier kept out of the
/// administrator's and auditor's pages, each refusal said on the page in the back office's words.
/// </summary>
public sealed class BookPagesTests
{
    /// <summary>The test books' maintenance code (CounterOnFiles.Secret).</summary>
    private const string GroupSecret = "5052455041494430";

    [Fact]
    public async Task Customers_AddedOnThePage_AppearInTheListAndTheLog()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var added = await clerk.Post("/books/customers?handler=Add", "/books/customers", ("Form.Name", "Zhang San"), ("Form.Address", "7 Elm Road"), ("Form.Contact", "555-0199"));

        added.At!.AbsolutePath.ShouldBe("/books/customers/2");
        added.Text.ShouldContain("Customer 2 registered.");
        added.Text.ShouldContain("7 Elm Road");
        var found = await clerk.Get("/books/customers?q=zhang");
        found.Text.ShouldContain("Zhang San");
        found.Text.ShouldNotContain("Li Wei");
        (await clerk.Get("/books/customers")).Text.ShouldContain("Li Wei");
        var log = await clerk.Get("/log?customer=2");
        log.Text.ShouldContain("customer register");
        log.Text.ShouldContain("'Zhang San'");
    }

    [Fact]
    public async Task Customers_WithoutAName_AreRefusedOnThePage_AndNothingIsRegistered()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var refused = await clerk.Post("/books/customers?handler=Add", "/books/customers", ("Form.Name", " "), ("Form.Address", "9 Oak Lane"));

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Html.ShouldContain("<p class=\"refused\" role=\"alert\" data-testid=\"refused\">a customer needs a name</p>");
        refused.Html.ShouldContain("value=\"9 Oak Lane\"", customMessage: "the form keeps what the clerk typed");
        (await clerk.Get("/books/customers/2")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Customer_ShowsTheirAccount_AndTakesChangedDetails()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var shown = await clerk.Get("/books/customers/1");
        shown.Text.ShouldContain("Customer 1 — Li Wei");
        shown.Html.ShouldContain("data-testid=\"accounts\"");
        shown.Text.ShouldContain("12345678");

        var changed = await clerk.Post("/books/customers/1?handler=Change", "/books/customers/1", ("Form.Name", "Li Wei"), ("Form.Contact", "555-0100"), ("Form.Region", "North"));

        changed.At!.AbsolutePath.ShouldBe("/books/customers/1");
        changed.Text.ShouldContain("Customer 1's details changed.");
        changed.Text.ShouldContain("555-0100");
        (await clerk.Get("/books/customers/99")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Prices_ShowEachVersionFromItsDate_AndTakeANewVersion_ButNotOneInThePast()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var before = await clerk.Get("/books/prices");
        before.Text.ShouldContain("residential");
        before.Text.ShouldContain("\"price\":\"0.5");

        var adjusted = await clerk.Post("/books/prices?handler=Adjust", "/books/prices", ("TypeId", "1"), ("From", "2099-01-01"), ("Flat", "0.62"));

        adjusted.At!.AbsolutePath.ShouldBe("/books/prices");
        adjusted.Text.ShouldContain("Price type 1 has a new version.");
        adjusted.Text.ShouldContain("2099-01-01 00:00:00Z");
        adjusted.Text.ShouldContain("\"price\":\"0.62");
        var past = await clerk.Post("/books/prices?handler=Adjust", "/books/prices", ("TypeId", "1"), ("From", "2000-01-01"), ("Flat", "0.7"));
        past.Text.ShouldContain("an adjustment takes effect now or later");
        past.Html.ShouldContain("role=\"alert\"");
        var both = await clerk.Post("/books/prices?handler=Adjust", "/books/prices", ("TypeId", "1"), ("From", "2099-06-01"), ("Flat", "0.7"), ("Tariff", "{}"));
        both.Text.ShouldContain("give exactly one of a flat price or a tariff's JSON");
    }

    [Fact]
    public async Task Groups_AreListed_WithoutTheirMaintenanceCode_EvenInTheSource()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var groups = await clerk.Get("/books/groups");

        groups.Status.ShouldBe(HttpStatusCode.OK);
        groups.Text.ShouldContain("100001");
        groups.Text.ShouldContain("North");
        groups.Text.ShouldContain("pm-ref-energy");
        groups.Html.ShouldNotContain(GroupSecret);
        groups.Html.ShouldNotContain(GroupSecret.ToLowerInvariant());
    }

    [Theory]
    [InlineData("purchases")]
    [InlineData("corrections")]
    [InlineData("reissues")]
    [InlineData("changes")]
    [InlineData("transfers")]
    [InlineData("amendments")]
    [InlineData("readings")]
    [InlineData("closings")]
    [InlineData("tolerance")]
    [InlineData("shares")]
    public async Task Queries_EachKind_AnswersWithTheCliFilters(string what)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var page = await clerk.Get($"/queries/{what}?customer=1&from=2000-01-01&operator=admin");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldNotContain("role=\"alert\"");
        page.Html.ShouldContain("id=\"filter-customer\" name=\"customer\" value=\"1\"");
    }

    [Fact]
    public async Task Queries_Purchases_ByCustomer_ShowTheirSales_AndAMistypedFilterIsSaid()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var theirs = await clerk.Get("/queries/purchases?customer=1");
        theirs.Text.ShouldContain("Li Wei");
        theirs.Text.ShouldContain("10.00 kWh");
        (await clerk.Get("/queries/purchases?customer=2")).Html.ShouldContain("data-testid=\"none\"");
        var mistyped = await clerk.Get("/queries/purchases?from=yesterday");
        mistyped.Status.ShouldBe(HttpStatusCode.BadRequest);
        mistyped.Text.ShouldContain("--from and --to take a date (2026-12-01) or an ISO-8601 moment");
        (await clerk.Get("/queries/log")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Log_VerifyButton_SaysTheBooksVerify()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var verified = await clerk.Post("/log?handler=Verify", "/log");

        verified.Status.ShouldBe(HttpStatusCode.OK);
        verified.Html.ShouldContain("role=\"status\" data-testid=\"verified\"");
        verified.Text.ShouldContain("The books verify:");
        verified.Text.ShouldContain("authenticated with the site's audit key");
        verified.Text.ShouldContain("customer register");
        verified.Text.ShouldContain("Log head: entry ");
    }

    [Fact]
    public async Task Cashier_IsRefusedTheLogRolesAndAPriceChange_ButFindsCustomers()
    {
        await using var site = await ConsoleSite.StartAsync();
        Environment.SetEnvironmentVariable("PREPAID_NEW_PASSWORD", "cashier-pass-1");
        (await site.Books.Vend("operator", "add", "wang", "--name", "Wang Fang", "--role", "cashier")).Exit.ShouldBe(0);
        using var cashier = site.NewClerk();
        await cashier.SignIn("wang", "cashier-pass-1");

        var log = await cashier.Get("/log");
        log.Status.ShouldBe(HttpStatusCode.Forbidden);
        log.Text.ShouldContain("operator 'wang' (role cashier) may not use 'audit'");
        (await cashier.Get("/operators/roles")).Text.ShouldContain("may not use 'operators'");
        var adjust = await cashier.Post("/books/prices?handler=Adjust", "/books/prices", ("TypeId", "1"), ("From", "2099-01-01"), ("Flat", "0.01"));
        adjust.Status.ShouldBe(HttpStatusCode.Forbidden);
        adjust.Text.ShouldContain("may not use 'prices'");
        var prices = await cashier.Get("/books/prices");
        prices.Text.ShouldNotContain("2099-01-01");
        prices.Html.ShouldNotContain("handler=Adjust", customMessage: "the form is shown only to a role that may use it");
        var customers = await cashier.Get("/books/customers");
        customers.Text.ShouldContain("Li Wei");
        customers.Html.ShouldNotContain("href=\"/log\"");
        customers.Html.ShouldContain("href=\"/books/customers\"");
    }

    [Fact]
    public async Task Operators_AddedDisabledAndEnabledOnThePage_AndRolesListTheirFunctions()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var added = await clerk.Post("/operators?handler=Add", "/operators", ("Login", "chen"), ("Name", "Chen Jie"), ("Role", "auditor"), ("Password", "auditor-pass-1"));
        added.Text.ShouldContain("Operator 'chen' added.");
        added.Text.ShouldContain("Chen Jie auditor active");
        var disabled = await clerk.Post("/operators?handler=Disable", "/operators", ("Login", "chen"));
        disabled.Text.ShouldContain("Chen Jie auditor disabled");
        using (var chen = site.NewClerk())
        {
            (await chen.SignIn("chen", "auditor-pass-1")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await clerk.Post("/operators?handler=Enable", "/operators", ("Login", "chen"))).Text.ShouldContain("Chen Jie auditor active");
        var weak = await clerk.Post("/operators?handler=Add", "/operators", ("Login", "zhao"), ("Name", "Zhao"), ("Role", "cashier"), ("Password", "x"));
        weak.Html.ShouldContain("role=\"alert\"");
        weak.Text.ShouldNotContain("Operator 'zhao' added.");
        var roles = await clerk.Get("/operators/roles");
        roles.Text.ShouldContain("auditor queries, audit");
        roles.Text.ShouldContain("cashier customers, accounts, sales");
    }

    [Fact]
    public async Task Operators_LockedOut_AreUnlockedOnThePage()
    {
        await using var site = await ConsoleSite.StartAsync();
        Environment.SetEnvironmentVariable("PREPAID_NEW_PASSWORD", "cashier-pass-1");
        (await site.Books.Vend("operator", "add", "wang", "--name", "Wang Fang", "--role", "cashier")).Exit.ShouldBe(0);
        using (var wang = site.NewClerk())
        {
            for (var i = 0; i < 5; i++)
            {
                await wang.SignIn("wang", "wrong-password");
            }
        }

        using var clerk = await SignedIn(site);
        (await clerk.Get("/operators")).Text.ShouldContain("Wang Fang cashier locked out");

        var unlocked = await clerk.Post("/operators?handler=Unlock", "/operators", ("Login", "wang"));

        unlocked.Text.ShouldContain("Operator 'wang' unlocked.");
        unlocked.Text.ShouldContain("Wang Fang cashier active");
    }

    [Fact]
    public async Task Meters_StockedInOnThePage_AppearInTheList_AndTwiceIsRefused()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var stocked = await clerk.Post("/books/meters?handler=StockIn", "/books/meters", ("Number", "22223333"), ("Group", "100001"), ("Model", ""));

        stocked.At!.AbsolutePath.ShouldBe("/books/meters");
        stocked.Text.ShouldContain("is in stock.");
        stocked.Text.ShouldContain("22223333 100001 pm-ref-energy stock");
        (await clerk.Get("/books/meters?status=installed")).Text.ShouldNotContain("22223333");
        var again = await clerk.Post("/books/meters?handler=StockIn", "/books/meters", ("Number", "22223333"), ("Group", "100001"), ("Model", ""));
        again.Text.ShouldContain("is already in the books");
    }

    private static async Task<ConsoleSite.Clerk> SignedIn(ConsoleSite site)
    {
        var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        return clerk;
    }
}
