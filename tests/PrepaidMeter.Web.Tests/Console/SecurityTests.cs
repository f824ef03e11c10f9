using System.Net;
using PrepaidMeter.Cli.Tests;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// What the console protects and how (docs/web.md, "Security"): sign-in with the back office's operators and lock-out, a
/// page for a function the role lacks refused, a form posted without its antiforgery token refused before any handler runs,
/// the session ended by signing out, and the headers every answer carries.
/// </summary>
public sealed class SecurityTests
{
    [Fact]
    public async Task SignIn_WrongPassword_IsRefusedWithTheBackOfficesOwnSentence()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();

        var refused = await clerk.SignIn("admin", "not-the-password");

        refused.Status.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Text.ShouldContain("login refused: wrong login or password");
        (await clerk.Get("/counter")).At!.AbsolutePath.ShouldBe("/signin");
    }

    [Fact]
    public async Task Counter_NotSignedIn_GoesToSignIn_AndBackThereAfterIt()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();

        var signIn = await clerk.Get("/operators");
        signIn.At!.AbsolutePath.ShouldBe("/signin");
        signIn.At.Query.ShouldContain("ReturnUrl=%2Foperators");

        var back = await clerk.Post(signIn.At.PathAndQuery, signIn.At.PathAndQuery, ("Login", "admin"), ("Password", ConsoleSite.AdminPassword), ("ReturnUrl", "/operators"));
        back.At!.AbsolutePath.ShouldBe("/operators");
        back.Text.ShouldContain("admin");
    }

    [Fact]
    public async Task Cashier_AnAdministratorsPage_IsNotAllowed_NamingTheFunction()
    {
        await using var site = await ConsoleSite.StartAsync();
        Environment.SetEnvironmentVariable("PREPAID_NEW_PASSWORD", "cashier-pass-1");
        (await site.Books.Vend("operator", "add", "wang", "--name", "Wang Fang", "--role", "cashier")).Exit.ShouldBe(0);
        using var cashier = site.NewClerk();
        await cashier.SignIn("wang", "cashier-pass-1");

        var denied = await cashier.Get("/operators");

        denied.Status.ShouldBe(HttpStatusCode.Forbidden);
        denied.Text.ShouldContain("operator 'wang' (role cashier) may not use 'operators'");
        denied.Html.ShouldNotContain("href=\"/operators\"");
        (await cashier.Get("/counter")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SellPost_WithoutItsAntiforgeryToken_IsRefusedAndSellsNothing()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);

        var forged = await clerk.Post("/counter?handler=Sell", formPage: null, ("Unit", "energy"), ("Amount", "10"));

        forged.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await clerk.Get("/counter")).Text.ShouldContain("loaded by the meter", customMessage: "a sale would have left the card not yet swiped");
    }

    [Fact]
    public async Task SignOut_EndsTheSession_SoTheOldCookieOpensNothing()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        var signedOut = await clerk.Post("/signout", "/counter");

        signedOut.At!.AbsolutePath.ShouldBe("/signin");
        (await clerk.Get("/counter")).At!.AbsolutePath.ShouldBe("/signin");
    }

    [Fact]
    public async Task StolenCookie_AfterSignOut_IsRefused()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk(follow: false);
        var token = (await clerk.Get("/signin")).Token();
        using var form = new FormUrlEncodedContent([new("Login", "admin"), new("Password", ConsoleSite.AdminPassword), new("__RequestVerificationToken", token)]);
        using var signedIn = await clerk.Http.PostAsync("/signin", form);
        var sessionCookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("prepaid.console=", StringComparison.Ordinal));
        sessionCookie.ShouldContain("httponly", Case.Insensitive);
        sessionCookie.ShouldContain("samesite=strict", Case.Insensitive);
        var stolen = sessionCookie.Split(';')[0];

        var outToken = (await clerk.Get("/counter")).Token();
        using var outForm = new FormUrlEncodedContent([new KeyValuePair<string, string>("__RequestVerificationToken", outToken)]);
        (await clerk.Http.PostAsync("/signout", outForm)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var thief = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = site.Address };
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/counter");
        replay.Headers.Add("Cookie", stolen);
        using var answer = await thief.SendAsync(replay);
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        answer.Headers.Location!.ToString().ShouldContain("/signin");
    }

    [Theory]
    [InlineData("/signin")]
    [InlineData("/counter")]
    public async Task EveryAnswer_CarriesTheSecurityHeaders(string path)
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);

        var page = await clerk.Get(path);

        page.Header("Content-Security-Policy").ShouldContain("frame-ancestors 'self'");
        page.Header("Content-Security-Policy").ShouldContain("default-src 'self'");
        page.Header("X-Content-Type-Options").ShouldBe("nosniff");
        page.Header("X-Frame-Options").ShouldBe("SAMEORIGIN");
        page.Header("Referrer-Policy").ShouldBe("no-referrer");
        page.Header("Cache-Control").ShouldContain("no-store");
        page.Header("Server-Timing").ShouldMatch(@"^app;dur=\d+\.\d$");
    }

    [Fact]
    public void InClearWarning_OffThisMachine_WarnsOfPlainHttp_OnLoopbackSaysNothing()
    {
        Web.Console.WebConsole.InClearWarning("127.0.0.1:5000").ShouldBeNull();
        Web.Console.WebConsole.InClearWarning("localhost:5000").ShouldBeNull();
        Web.Console.WebConsole.InClearWarning("0.0.0.0:5000")!.ShouldContain("plain HTTP");
    }

    [Fact]
    public async Task Operator_DisabledWhileSignedIn_IsSignedOutAtTheNextRequest()
    {
        await using var site = await ConsoleSite.StartAsync();
        Environment.SetEnvironmentVariable("PREPAID_NEW_PASSWORD", "cashier-pass-1");
        (await site.Books.Vend("operator", "add", "wang", "--name", "Wang Fang", "--role", "cashier")).Exit.ShouldBe(0);
        using var cashier = site.NewClerk();
        (await cashier.SignIn("wang", "cashier-pass-1")).At!.AbsolutePath.ShouldBe("/counter");

        (await site.Books.Vend("operator", "disable", "wang")).Exit.ShouldBe(0);

        (await cashier.Get("/counter")).At!.AbsolutePath.ShouldBe("/signin");
        (await cashier.SignIn("wang", "cashier-pass-1")).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_BehindATlsProxyOnThisMachine_GivesSecureCookies()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk(follow: false);
        var token = (await clerk.Get("/signin")).Token();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent([new("Login", "admin"), new("Password", ConsoleSite.AdminPassword), new("__RequestVerificationToken", token)]),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var signedIn = await clerk.Http.SendAsync(request);

        signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("prepaid.console=", StringComparison.Ordinal)).ShouldContain("secure", Case.Insensitive);
    }

    [Fact]
    public async Task SignInPage_Anonymous_DoesNotTimeItself()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var stranger = site.NewClerk();

        (await stranger.Get("/signin")).Header("Server-Timing").ShouldBeEmpty();
    }
}
