using System.Net;
using System.Text.RegularExpressions;
using PrepaidMeter.Testing;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// The console's token pages over real HTTP (docs/web.md, "Keypad tokens at the counter"), on <see cref="TokenBooks"/>: customer
/// 2's token account 2. Every token a page shows is decoded here with the meter's own decoder key, as the meter would decode it.
/// </summary>
public sealed partial class TokenPagesTests : IDisposable
{
    private const string VendingKey = TokenBooks.VendingKey;
    private const string NextVendingKey = "FEDCBA9876543210";
    private readonly TempFolder _keys = new();

    public void Dispose() => _keys.Dispose();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Sell_PricedThenConfirmed_TheReceiptsTokenDecodesUnderTheMetersKeyToTheAmountSoldRoundedUp(string store)
    {
        await using var site = await TokenBooks.StartAsync(_keys, store);
        using var clerk = await SignedIn(site);

        var quote = await clerk.Post("/counter/token?handler=Quote", "/counter/token?account=2", ("Account", "2"), ("Unit", "energy"), ("Amount", "12.34"));
        quote.Text.ShouldContain("Confirm the token sale");
        quote.Html.ShouldContain("data-testid=\"token-credit\">12.40 kWh<");
        quote.Html.ShouldNotMatch(TokenDigits().ToString(), "nothing is issued before the clerk confirms");
        (await site.Books.Vend("--json", "token", "meter", "--account", "2")).Out.ShouldContain("\"lastTid\": null", customMessage: "a quote records nothing");
        var sold = await Confirm(clerk, quote, "energy", "12.34");

        sold.At!.AbsolutePath.ShouldStartWith("/token-receipt/");
        sold.Text.ShouldContain("Sold: give the customer the token.");
        var token = TokenOn(sold);
        var credit = Decode(VendingKey, 1, token).ShouldBeOfType<CreditToken>();
        (credit.Kind, credit.Amount.Units).ShouldBe((CreditKind.Electricity, 124L));
        sold.Html.ShouldContain("data-testid=\"credit\">12.34 kWh<");
        sold.Html.ShouldContain("data-testid=\"token-credit\">12.40 kWh<");
        sold.Html.ShouldContain("data-testid=\"rounded-up-by\">0.06 kWh<");
        sold.Text.ShouldContain("6.17"); // 12.34 kWh at 0.50

        var printed = await clerk.Get(sold.At.AbsolutePath + "/print");
        printed.Status.ShouldBe(HttpStatusCode.OK);
        printed.Header("Content-Security-Policy").ShouldStartWith("default-src 'none'");
        TokenOn(printed).ShouldBe(token);
        printed.Text.ShouldContain("Rounded up by 0.06 kWh");
        printed.Html.ShouldNotContain("<script");
        foreach (var page in new[] { quote, sold, printed })
        {
            page.Html.ShouldNotContain(VendingKey, Case.Insensitive);
        }

        var log = await site.Books.Vend("query", "log");
        log.Out.ShouldContain("token sale");
        log.Out.ShouldNotContain(token.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reprint_CancelAndCorrect_FollowTheTokenRules()
    {
        await using var site = await TokenSite();
        using var clerk = await SignedIn(site);
        var first = TokenOn(await Sell(clerk, "energy", "10"));

        var reprinted = await clerk.Get("/token-receipt?number=2"); // receipt 1 is Li Wei's card sale
        TokenOn(reprinted).ShouldBe(first);
        reprinted.Text.ShouldContain("The token receipt, reprinted: the same token, nothing issued.");
        var mistyped = await clerk.Get("/token-receipt?number=two");
        (mistyped.Status, mistyped.Refusal).ShouldBe((HttpStatusCode.BadRequest, "a token receipt's number is a whole number above zero, not 'two'"));
        var cardReceipt = await clerk.Get("/token-receipt/1");
        (cardReceipt.Status, cardReceipt.Refusal).ShouldBe((HttpStatusCode.Conflict, "receipt 1 is a card sale: it carries no token (vend invoice print reprints it)"));
        (await clerk.Get("/token-receipt/99")).Status.ShouldBe(HttpStatusCode.NotFound);

        var corrected = await clerk.Post("/counter/token?handler=Correct", "/counter/token?account=2", ("Account", "2"), ("Unit", "energy"), ("Amount", "20"), ("Reason", "typed 10 for 20"));
        corrected.At!.AbsolutePath.ShouldStartWith("/token-receipt/");
        var second = TokenOn(corrected);
        second.ShouldNotBe(first);
        Decode(VendingKey, 1, second).ShouldBeOfType<CreditToken>().Amount.Units.ShouldBe(200L);
        corrected.Text.ShouldContain("This token replaces a corrected sale's token, which stays valid at the meter");
        var replaced = await clerk.Get("/token-receipt/2");
        TokenOn(replaced).ShouldBe(first);
        replaced.Text.ShouldContain("This sale was corrected, but its token stays valid at the meter");
        replaced.Text.ShouldContain($"token {first}");

        var cancelled = await clerk.Post("/counter/token?handler=Cancel", "/counter/token?account=2", ("Account", "2"), ("Reason", "customer changed their mind"));
        cancelled.Text.ShouldContain("The last sale cancelled: its money refunded in the books, no token issued.");
        cancelled.Text.ShouldContain("This sale is cancelled, but its token stays valid at the meter");
        TokenOn(cancelled).ShouldBe(second, "a cancel issues nothing: its receipt shows the token that stays valid");

        var again = await clerk.Post("/counter/token?handler=Cancel", "/counter/token?account=2", ("Account", "2"), ("Reason", "twice"));
        again.Status.ShouldBe(HttpStatusCode.OK);
        again.Refusal.ShouldBe("account 2 has no token sale to be cancelled (only its last sale can be)");
    }

    [Fact]
    public async Task Sell_OverThePurchaseLimit_IsRefusedWithItsReason_AndIssuesNothing()
    {
        await using var site = await TokenSite();
        using var clerk = await SignedIn(site);

        var refused = await clerk.Post("/counter/token?handler=Quote", "/counter/token?account=2", ("Account", "2"), ("Unit", "energy"), ("Amount", "1000"));

        refused.Status.ShouldBe(HttpStatusCode.OK);
        refused.Refusal.ShouldNotBeNull();
        refused.Refusal.ShouldContain("999");
        refused.Html.ShouldContain("value=\"1000\"", customMessage: "the form keeps what the clerk typed");
        var confirmed = await PostWithTokenOf(clerk, refused, "/counter/token?handler=Sell",
            ("Account", "2"), ("Unit", "energy"), ("Amount", "1000"), ("QuotedCredit", "100000"), ("QuotedMoney", "500.00"));
        confirmed.Refusal.ShouldNotBeNull();
        confirmed.Refusal.ShouldBe(refused.Refusal, "the sale refuses as its quote did");
        (await site.Books.Vend("--json", "token", "meter", "--account", "2")).Out.ShouldContain("\"lastTid\": null");
    }

    [Theory]
    [InlineData("1", "account 1 is a card account: it is sold on its card ('vend sell'), not with tokens")]
    [InlineData("two", "account: a whole number above zero, not 'two'")]
    public async Task Sell_OnACardAccountOrAMistypedOne_SaysWhy(string account, string said)
    {
        await using var site = await TokenSite();
        using var clerk = await SignedIn(site);

        var refused = await clerk.Post("/counter/token?handler=Quote", "/counter/token?account=2", ("Account", account), ("Unit", "energy"), ("Amount", "5"));

        refused.Refusal.ShouldBe(said);
        refused.Html.ShouldNotContain("data-testid=\"quote\"");
    }

    [Fact]
    public async Task Sell_WithAnUnsentQuote_IsRefused_PriceItFirst()
    {
        await using var site = await TokenSite();
        using var clerk = await SignedIn(site);

        var refused = await clerk.Post("/counter/token?handler=Sell", "/counter/token?account=2", ("Account", "2"), ("Unit", "energy"), ("Amount", "5"));

        refused.Refusal.ShouldBe("price the sale first: the sale sells what its quote showed");
        (await site.Books.Vend("--json", "token", "meter", "--account", "2")).Out.ShouldContain("\"lastTid\": null");
    }

    [Fact]
    public async Task Sell_AQuoteThePriceNoLongerGives_IsRefused_NothingIssued()
    {
        await using var site = await TokenSite();
        using var clerk = await SignedIn(site);
        var quote = await clerk.Post("/counter/token?handler=Quote", "/counter/token?account=2", ("Account", "2"), ("Unit", "energy"), ("Amount", "10"));

        var forged = quote with { Html = quote.Html.Replace("name=\"QuotedMoney\" value=\"5.00\"", "name=\"QuotedMoney\" value=\"4.00\"", StringComparison.Ordinal) };
        var refused = await Confirm(clerk, forged, "energy", "10");

        refused.Refusal.ShouldBe("the sale now comes to 5.00 for 10.00 kWh, not the 4.00 priced; nothing was sold: price it again");
        (await site.Books.Vend("--json", "token", "meter", "--account", "2")).Out.ShouldContain("\"lastTid\": null");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task FindAnAccount_LinksATokenAccountToTheTokenCounter_NotToTheCardReader(string store)
    {
        await using var site = await TokenBooks.StartAsync(_keys, store);
        using var clerk = await SignedIn(site);

        var found = await clerk.Get("/counter/find?q=Zhang");

        found.Html.ShouldContain("href=\"/counter/token?account=2\"");
        found.Html.ShouldNotContain("/meter-change?account=2");
        (await clerk.Get("/counter/find?q=Li")).Html.ShouldNotContain("data-testid=\"token-counter\"");
    }

    [Fact]
    public async Task Cashier_IsDeniedTheManagementAndKeyChangePages_ButSellsTokens()
    {
        await using var site = await TokenSite();
        Environment.SetEnvironmentVariable("PREPAID_NEW_PASSWORD", "cashier-pass-1");
        (await site.Books.Vend("operator", "add", "wang", "--name", "Wang Fang", "--role", "cashier")).Exit.ShouldBe(0);
        using var cashier = site.NewClerk();
        await cashier.SignIn("wang", "cashier-pass-1");

        var management = await cashier.Get("/counter/token/management?account=2");
        management.Status.ShouldBe(HttpStatusCode.Forbidden);
        management.Text.ShouldContain("operator 'wang' (role cashier) may not use 'token-management'");
        var posted = await cashier.Post("/counter/token/management?handler=Issue", "/counter/token?account=2", ("Account", "2"), ("Act", "clear-credit"), ("Reason", "x"));
        posted.Status.ShouldBe(HttpStatusCode.Forbidden);
        (await cashier.Get("/counter/token/keychange?account=2")).Text.ShouldContain("may not use 'token-keys'");
        TokenOn(await Sell(cashier, "money", "5")).ShouldNotBeNullOrEmpty();
        var counter = await cashier.Get("/counter/token?account=2");
        counter.Html.ShouldNotContain("/counter/token/management");
        counter.Html.ShouldNotContain("/counter/token/keychange");
        counter.Html.ShouldContain("handler=Cancel", customMessage: "a cashier holds corrections");
        (await site.Books.Vend("query", "log")).Out.ShouldNotContain("token management");
    }

    [Fact]
    public async Task Management_AnAdministratorIssuesALimit_TheTokenDecodesToIt()
    {
        await using var site = await TokenSite();
        using var clerk = await SignedIn(site);

        var issued = await clerk.Post("/counter/token/management?handler=Issue", "/counter/token/management?account=2",
            ("Account", "2"), ("Act", "power-limit"), ("Watts", "5000"), ("Reason", "overloaded feeder"));

        issued.Html.ShouldContain("data-testid=\"issued\"");
        var limit = Decode(VendingKey, 1, TokenOn(issued)).ShouldBeOfType<ManagementToken>();
        (limit.Kind, limit.Watts).ShouldBe((ManagementKind.SetMaximumPowerLimit, (long?)5000));
        issued.Text.ShouldContain("The limit it sets: 5000 W");
        var noWatts = await clerk.Post("/counter/token/management?handler=Issue", "/counter/token/management?account=2",
            ("Account", "2"), ("Act", "power-limit"), ("Watts", ""), ("Reason", "x"));
        noWatts.Refusal.ShouldBe("the limit in watts: a whole number, not ''");
        var noReason = await clerk.Post("/counter/token/management?handler=Issue", "/counter/token/management?account=2",
            ("Account", "2"), ("Act", "clear-tamper"), ("Reason", " "));
        noReason.Refusal.ShouldBe("a reason is needed (it goes into the operation log)");
        (await site.Books.Vend("--json", "query", "log")).Out.ShouldContain("reason: overloaded feeder");
    }

    [Fact]
    public async Task KeyChange_ToTheGroupsNewestKey_WithCredit_ShowsTheTokensInTheOrderToEnterThem()
    {
        await using var site = await TokenSite();
        File.WriteAllText(_keys.File("vk2"), NextVendingKey);
        (await site.Books.Vend("token", "group", "set", "--code", "100001", "--medium", "both", "--vending-key-file", _keys.File("vk2"), "--key-revision", "2")).Exit.ShouldBe(0);
        using var clerk = await SignedIn(site);
        var page = await clerk.Get("/counter/token/keychange?account=2");
        page.Html.ShouldContain("<option value=\"2/2014\"");

        var changed = await clerk.Post("/counter/token/keychange?handler=Change", "/counter/token/keychange?account=2",
            ("Account", "2"), ("Key", ""), ("Unit", "energy"), ("Amount", "5"));

        var tokens = TokenDigits().Matches(changed.Html).Select(m => m.Value).ToList();
        tokens.Count.ShouldBe(3);
        Decode(VendingKey, 1, tokens[0]).ShouldBeOfType<FirstKeySection>().Rollover.ShouldBeFalse();
        Decode(VendingKey, 1, tokens[1]).ShouldBeOfType<SecondKeySection>();
        Decode(NextVendingKey, 2, tokens[2]).ShouldBeOfType<CreditToken>().Amount.Units.ShouldBe(50L);
        changed.Text.ShouldContain("key revision 2, base date 2014");
        changed.Html.ShouldContain("?done=keychange");
        changed.Html.ShouldNotContain(NextVendingKey, Case.Insensitive);

        var again = await clerk.Post("/counter/token/keychange?handler=Change", "/counter/token/keychange?account=2", ("Account", "2"), ("Key", "2/2014"), ("Amount", ""));
        again.Refusal.ShouldNotBeNull();
        again.Refusal.ShouldContain("holds that key already");
    }

    [Fact]
    public async Task Groups_ShowTheMediumAndTokenKeys_NeverTheVendingKey_AndRefuseBackToCardWhileATokenAccountIsOpen()
    {
        await using var site = await TokenSite();
        using var clerk = await SignedIn(site);

        var groups = await clerk.Get("/books/groups");

        groups.Html.ShouldContain("data-testid=\"medium-100001\">cards and keypad tokens<");
        groups.Text.ShouldContain("key revision 1, base date 2014, EA07/DKGA02, key type 2, tariff index 01, key expiry 255 (never expires)");
        groups.Html.ShouldNotContain(VendingKey, Case.Insensitive);
        groups.Html.ShouldNotContain("VendingKey");
        groups.Html.ShouldNotContain("name=\"Key");
        var refused = await clerk.Post("/books/groups?handler=Medium", "/books/groups", ("Code", "100001"), ("Medium", "card"));
        refused.Refusal.ShouldBe("supply group 100001 has 1 open token account(s): it keeps selling tokens while they are open");
        var set = await clerk.Post("/books/groups?handler=Medium", "/books/groups", ("Code", "100001"), ("Medium", "token"));
        set.Text.ShouldContain("The medium of supply group 100001 is set.");
        set.Html.ShouldContain("data-testid=\"medium-100001\">keypad tokens<");
        (await site.Books.Vend("query", "log")).Out.ShouldContain("medium token");
    }

    [Fact]
    public async Task TokenPages_InChinese_LeaveNoEnglishWordOfTheirOwn()
    {
        await using var site = await TokenSite();
        using var clerk = site.NewClerk();
        clerk.Http.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", "zh-CN").ShouldBeTrue();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);

        var quote = await clerk.Post("/counter/token?handler=Quote", "/counter/token?account=2", ("Account", "2"), ("Unit", "energy"), ("Amount", "12.34"));
        var sold = await Confirm(clerk, quote, "energy", "12.34");
        var corrected = await clerk.Post("/counter/token?handler=Correct", "/counter/token?account=2", ("Account", "2"), ("Unit", "energy"), ("Amount", "20"), ("Reason", "改"));
        var pages = new[]
        {
            await clerk.Get("/counter/token?account=2"), quote, sold, corrected, await clerk.Get(sold.At!.AbsolutePath + "/print"),
            await clerk.Get("/counter/token/keychange?account=2"), await clerk.Get("/counter/token/management?account=2"),
        };

        quote.Text.ShouldContain("电码承载的电量 12.40 kWh");
        sold.Text.ShouldContain("向上取整多出 0.06 kWh");
        foreach (var page in pages)
        {
            page.Html.ShouldContain("<html lang=\"zh-Hans\">");
            EnglishWords(page.Html).ShouldBeEmpty($"{page.At}: {page.Text}");
        }

        var groups = await clerk.Get("/books/groups");
        foreach (var english in new[] { "Sells on", "Token keys", "key revision", "cards and keypad tokens", "Set the medium", "never shown" })
        {
            groups.Text.ShouldNotContain(english);
        }
    }

    private Task<ConsoleSite> TokenSite() => TokenBooks.StartAsync(_keys);

    private static async Task<ConsoleSite.Clerk> SignedIn(ConsoleSite site)
    {
        var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        return clerk;
    }

    /// <summary>Prices a sale on account 2, then confirms what the quote showed, as the page's two buttons do.</summary>
    private static async Task<ConsoleSite.Page> Sell(ConsoleSite.Clerk clerk, string unit, string amount) =>
        await Confirm(clerk, await clerk.Post("/counter/token?handler=Quote", "/counter/token?account=2", ("Account", "2"), ("Unit", unit), ("Amount", amount)), unit, amount);

    /// <summary>Posts the confirmation of <paramref name="quote"/> (its hidden fields and antiforgery token).</summary>
    private static Task<ConsoleSite.Page> Confirm(ConsoleSite.Clerk clerk, ConsoleSite.Page quote, string unit, string amount) =>
        PostWithTokenOf(clerk, quote, "/counter/token?handler=Sell",
            ("Account", "2"), ("Unit", unit), ("Amount", amount), ("QuotedCredit", quote.Hidden("QuotedCredit") ?? ""), ("QuotedMoney", quote.Hidden("QuotedMoney") ?? ""));

    /// <summary>Posts <paramref name="fields"/> with the antiforgery token of the form on <paramref name="page"/>, as its browser would.</summary>
    private static async Task<ConsoleSite.Page> PostWithTokenOf(ConsoleSite.Clerk clerk, ConsoleSite.Page page, string path, params (string Name, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Append(("__RequestVerificationToken", page.Token())).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        using var response = await clerk.Http.PostAsync(path, content);
        return await ConsoleSite.Page.Of(response);
    }

    /// <summary>The one token a page shows (its data-testid="token"), as printed: 4-4-4-4-4.</summary>
    private static string TokenOn(ConsoleSite.Page page)
    {
        var shown = Regex.Matches(page.Html, "data-testid=\"token\">([^<]*)<").Select(m => m.Groups[1].Value).Distinct().ToList();
        shown.Count.ShouldBe(1, page.Html);
        shown[0].ShouldMatch($"^{TokenDigits()}$");
        return shown[0];
    }

    private static TokenData Decode(string vendingKey, int revision, string token) => TokenBooks.Decode(vendingKey, revision, token);

    /// <summary>
    /// The English words a Chinese page shows of its own: its text without the back office's sentences (marked lang="en"),
    /// commands (code), and the books' data and units, which stay as they are in every language.
    /// </summary>
    private static List<string> EnglishWords(string html)
    {
        var text = Regex.Replace(html, "<(script|style|title)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline);
        text = Regex.Replace(text, "<(\\w+)[^>]*lang=\"en\"[^>]*>.*?</\\1>", " ", RegexOptions.Singleline);
        text = Regex.Replace(text, "<code>.*?</code>", " ", RegexOptions.Singleline);
        text = WebUtility.HtmlDecode(Regex.Replace(text, "<[^>]+>", " "));
        string[] stays = ["PrepaidMeter", "English", "Zhang", "Min", "admin", "administrator", "kWh", "DRN", "TID", "EA", "DKGA", "UTC", "W", "mm", "Test"];
        return [.. Regex.Matches(text, "[A-Za-z]{2,}").Select(m => m.Value).Where(w => !stays.Contains(w, StringComparer.Ordinal) && !w.StartsWith("EA", StringComparison.Ordinal) && !w.StartsWith("DKGA", StringComparison.Ordinal)).Distinct()];
    }

    [GeneratedRegex(@"\d{4} \d{4} \d{4} \d{4} \d{4}")]
    private static partial Regex TokenDigits();
}
