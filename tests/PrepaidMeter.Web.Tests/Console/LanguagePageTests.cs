using System.Net;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// The console in the clerk's language over real HTTP: Simplified Chinese from the browser's Accept-Language or from the switch
/// in the page's bar (a cookie), English otherwise; the amounts and the back office's rules the same in both.
/// </summary>
public sealed class LanguagePageTests
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("zh")]
    [InlineData("zh-Hans-CN")]
    [InlineData("fr-FR, zh;q=0.8, en;q=0.5")]
    public async Task SignIn_ABrowserAskingForChinese_IsInSimplifiedChinese(string acceptLanguage)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = Speaking(site, acceptLanguage);

        var page = await clerk.Get("/signin");

        page.Html.ShouldContain("<html lang=\"zh-Hans\">");
        page.Header("Content-Language").ShouldBe("zh-Hans");
        page.Text.ShouldContain("登录");
        page.Text.ShouldContain("操作员");
        page.Text.ShouldContain("密码");
        page.Text.ShouldNotContain("Password");
    }

    [Theory]
    [InlineData("fr-FR")]
    [InlineData("zh-TW")]
    [InlineData("de-DE, fr;q=0.9")]
    [InlineData("")]
    public async Task SignIn_ALanguageTheConsoleDoesNotSpeak_IsEnglish(string acceptLanguage)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = Speaking(site, acceptLanguage);

        var page = await clerk.Get("/signin");

        page.Html.ShouldContain("<html lang=\"en\">");
        page.Text.ShouldContain("Password");
        page.Text.ShouldNotContain("密码");
    }

    [Fact]
    public async Task Counter_InChinese_SaysTheCardAndTheFormsInTheSeedsWords()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = Speaking(site, "zh-CN");
        (await clerk.SignIn("admin", ConsoleSite.AdminPassword)).At!.AbsolutePath.ShouldBe("/counter");

        var counter = await clerk.Get("/counter");

        counter.Html.ShouldContain("<html lang=\"zh-Hans\">");
        counter.Text.ShouldContain("读卡器中的卡");
        counter.Text.ShouldContain("用户 1 — Li Wei"); // the books' data stay as they are
        counter.Text.ShouldContain("电表已读入");
        counter.Text.ShouldContain("计算金额");
        counter.Text.ShouldContain("退出登录");
        counter.Text.ShouldNotContain("Price it");
    }

    [Fact]
    public async Task Sell_InChinese_ShowsTheSameAmounts_ThenSaysSwipeItAtTheMeterFirst()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = Speaking(site, "zh-CN");
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);

        var quote = await clerk.Quote("energy", "10");
        var sold = await clerk.Sell("energy", "10");
        var again = await clerk.Quote("money", "5");

        quote.Text.ShouldContain("写入卡中 10.00 kWh");
        quote.Text.ShouldContain("应收金额 5.00");
        sold.At!.AbsolutePath.ShouldStartWith("/receipt/");
        sold.Text.ShouldContain("售电成功，已写卡");
        again.Text.ShouldContain("该卡没有刷表——请先到电表上刷卡。");
        (await site.Books.Vend("query", "purchases")).Out.ShouldContain("10.00");
    }

    [Fact]
    public async Task Refusal_InChinese_LeadsWithItsKind_AndKeepsTheBackOfficesSentence()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = Speaking(site, "zh-CN");
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        var quote = await clerk.Quote("energy", "10");

        var refused = await clerk.Confirm(quote, "energy", "10", account: "2");

        refused.Refusal.ShouldNotBeNull().ShouldStartWith("<strong>");
        refused.Refusal.ShouldContain("<span lang=\"en\">the card in the reader is account 1's, not account 2's that was priced; nothing was sold: price it again</span>");
    }

    [Fact]
    public async Task SignIn_RefusedInChinese_SaysSoByItsKind()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = Speaking(site, "zh-CN");

        var refused = await clerk.SignIn("admin", "not-the-password");

        refused.Status.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Refusal.ShouldNotBeNull().ShouldContain("登录被拒绝");
    }

    [Fact]
    public async Task Switch_SetsTheLanguageCookie_AndReturnsToTheSamePage()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk(follow: false);
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        clerk.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var switched = await clerk.Post("/language", "/books/customers?q=Li", ("Culture", "zh-Hans"), ("ReturnUrl", "/books/customers?q=Li"));

        switched.Status.ShouldBe(HttpStatusCode.Found);
        switched.Response.Headers.Location!.OriginalString.ShouldBe("/books/customers?q=Li");
        switched.Header("Set-Cookie").ShouldContain("prepaid.language=c%3Dzh-Hans%7Cuic%3Dzh-Hans");
        switched.Header("Set-Cookie").ShouldContain("httponly");
        var after = await clerk.Get("/books/customers?q=Li");
        after.Html.ShouldContain("<html lang=\"zh-Hans\">"); // the cookie wins over the browser's English
        after.Text.ShouldContain("按编号、姓名、地址或联系方式查找");
        after.Text.ShouldContain("Li Wei");

        await clerk.Post("/language", "/counter", ("Culture", "en"), ("ReturnUrl", "/counter"));
        (await clerk.Get("/counter")).Text.ShouldContain("Card in the reader");
    }

    [Theory]
    [InlineData("https://elsewhere.example/counter")]
    [InlineData("//elsewhere.example/counter")]
    [InlineData("/\\elsewhere.example")]
    public async Task Switch_ToAnAddressOffThisSite_GoesHomeInstead(string returnUrl)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk(follow: false);

        var switched = await clerk.Post("/language", "/signin", ("Culture", "zh-Hans"), ("ReturnUrl", returnUrl));

        switched.Status.ShouldBe(HttpStatusCode.Found);
        switched.Response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task Switch_WithoutItsAntiforgeryToken_IsRefused_AndSetsNothing()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk(follow: false);

        var refused = await clerk.Post("/language", null, ("Culture", "zh-Hans"), ("ReturnUrl", "/signin"));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.Header("Set-Cookie").ShouldNotContain("prepaid.language");
    }

    [Fact]
    public async Task Switch_OnEveryPage_IsAFormThatWorksWithoutScript()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();

        var page = await clerk.Get("/signin?ReturnUrl=%2Fcounter");

        page.Html.ShouldContain("action=\"/language\"");
        page.Html.ShouldContain("name=\"ReturnUrl\" value=\"/signin?ReturnUrl=%2Fcounter\"");
        page.Html.ShouldContain("<button type=\"submit\" name=\"Culture\" value=\"zh-Hans\" lang=\"zh-Hans\"");
        page.Html.ShouldNotContain("<script");
    }

    private static ConsoleSite.Clerk Speaking(ConsoleSite site, string acceptLanguage)
    {
        var clerk = site.NewClerk();
        if (acceptLanguage.Length > 0)
        {
            clerk.Http.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", acceptLanguage).ShouldBeTrue();
        }

        return clerk;
    }
}
