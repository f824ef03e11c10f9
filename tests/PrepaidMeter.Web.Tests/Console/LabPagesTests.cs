using System.Net;
using System.Text.Json;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// The lab's pages over real HTTP (docs/web.md, "Lab"): the library, a run started by a form and followed to its results, its
/// event stream read to its end (live, and after the run), a certification's report and JSON, and the refusals — a cashier,
/// a form without its antiforgery token, a scenario the library does not ship.
/// </summary>
public sealed class LabPagesTests
{
    [Fact]
    public async Task Lab_LibraryPage_ListsTheShippedScenariosAndModels_AndTheNavigationAndRolesShowIt()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var lab = await clerk.Get("/lab");

        lab.Status.ShouldBe(HttpStatusCode.OK);
        lab.Html.ShouldContain("<a href=\"/lab\">Lab</a>");
        lab.Html.ShouldContain("value=\"card-not-swiped\"");
        lab.Html.ShouldContain("<label for=\"scenario-power-cut-during-swipe\">power-cut-during-swipe</label>");
        lab.Text.ShouldContain("The counter refuses a second sale while the first is still on the card");
        lab.Html.ShouldContain("<option value=\"pm-ref-energy\"");
        lab.Text.ShouldContain("No run yet");
        (await clerk.Get("/operators/roles")).Text.ShouldContain("administrator site, operators,", customMessage: "the roles page lists the administrator's functions");
        (await clerk.Get("/operators/roles")).Text.ShouldContain(", split, lab, token-keys, token-management", customMessage: "the lab's function is one of them, by its name (and the token functions after it)");
    }

    [Fact]
    public async Task Run_ShortScenario_FinishesAndItsPageShowsEachResultWithTheReportAndJson()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var started = await clerk.Post("/lab?handler=Run", "/lab", ("Chosen", "card-not-swiped"));
        started.At!.AbsolutePath.ShouldBe("/lab/run/1");
        await LabEventReader.ReadToEndAsync(clerk.Http, "/lab/run/1/events");
        var page = await clerk.Get("/lab/run/1");

        page.Html.ShouldContain("data-state=\"finished\"");
        page.Text.ShouldContain("card-not-swiped —");
        page.Text.ShouldContain("1 of 1 done");
        page.Html.ShouldContain("data-events=\"\"", customMessage: "a finished run's page has no stream to follow");
        page.Html.ShouldNotContain("http-equiv=\"refresh\"");
        using var json = await clerk.Http.GetAsync("/lab/run/1/results.json");
        json.Content.Headers.ContentDisposition!.FileName.ShouldBe("lab-run-1.json");
        using var results = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        results.RootElement[0].GetProperty("scenario").GetString().ShouldBe("card-not-swiped");
        results.RootElement[0].GetProperty("passed").GetBoolean().ShouldBeTrue();
        var report = await clerk.Get("/lab/run/1/report");
        report.Text.ShouldContain("PrepaidMeter lab run 1");
        report.Html.ShouldContain("src=\"data:image/png;base64,");
        report.Header("Content-Security-Policy").ShouldStartWith("default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        (await clerk.Get("/lab")).Html.ShouldContain("<a href=\"/lab/run/1\">Run 1</a>");
    }

    [Fact]
    public async Task Run_ShortScenarios_StreamsEachResultThenEnds_AndALateClientGetsItAllAtOnce()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);
        await clerk.Post("/lab?handler=Run", "/lab", ("Chosen", "foreign-group-card"), ("Chosen", "purchase-over-limit"));

        var live = await LabEventReader.ReadToEndAsync(clerk.Http, "/lab/run/1/events");

        live.Select(e => e.Name).ShouldBe(["result", "result", "end"]);
        live.Take(2).Select(e => e.Id).ShouldBe(["1", "2"]);
        JsonDocument.Parse(live[0].Data).RootElement.GetProperty("name").GetString().ShouldBe("foreign-group-card");
        JsonDocument.Parse(live[1].Data).RootElement.GetProperty("name").GetString().ShouldBe("purchase-over-limit");
        using var end = JsonDocument.Parse(live[2].Data);
        end.RootElement.GetProperty("state").GetString().ShouldBe("finished");
        end.RootElement.GetProperty("passed").GetBoolean().ShouldBeTrue();

        var late = await LabEventReader.ReadToEndAsync(clerk.Http, "/lab/run/1/events");
        late.ShouldBe(live);
        var resumed = await LabEventReader.ReadToEndAsync(clerk.Http, "/lab/run/1/events?after=1");
        resumed.Select(e => e.Id).ShouldBe(new string?[] { "2", null });
    }

    [Fact]
    public async Task Certify_LegacyModel_ProducesTheCertificationReportAndItsJson()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var started = await clerk.Post("/lab?handler=Certify", "/lab", ("Model", "legacy-money"));
        started.Text.ShouldContain("Certification of legacy-money");
        var events = await LabEventReader.ReadToEndAsync(clerk.Http, "/lab/run/1/events");

        events[^1].Name.ShouldBe("end");
        events.Count(e => e.Name == "result").ShouldBeGreaterThan(10);
        var report = await clerk.Get("/lab/run/1/report");
        report.Status.ShouldBe(HttpStatusCode.OK);
        report.Text.ShouldContain("Certification of meter model legacy-money");
        report.Text.ShouldContain("CERTIFIED");
        using var json = await clerk.Http.GetAsync("/lab/run/1/results.json");
        using var results = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        results.RootElement.GetProperty("model").GetString().ShouldBe("legacy-money");
        results.RootElement.GetProperty("clauses").GetArrayLength().ShouldBe(events.Count - 1);
        (await clerk.Get("/lab/run/1")).Text.ShouldContain("Clauses done");
    }

    [Fact]
    public async Task Cashier_IsRefusedTheLabAndItsStream_AndSeesNoLink()
    {
        await using var site = await ConsoleSite.StartAsync();
        Environment.SetEnvironmentVariable("PREPAID_NEW_PASSWORD", "cashier-pass-1");
        (await site.Books.Vend("operator", "add", "wang", "--name", "Wang Fang", "--role", "cashier")).Exit.ShouldBe(0);
        using var cashier = site.NewClerk();
        await cashier.SignIn("wang", "cashier-pass-1");

        var lab = await cashier.Get("/lab");

        lab.Status.ShouldBe(HttpStatusCode.Forbidden);
        lab.Text.ShouldContain("operator 'wang' (role cashier) may not use 'lab'");
        lab.Html.ShouldNotContain("href=\"/lab\"");
        (await cashier.Get("/lab/run/1/events")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await cashier.Post("/lab?handler=Run", "/counter", ("Chosen", "card-not-swiped"))).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RunPost_WithoutItsAntiforgeryToken_IsRefusedAndStartsNothing()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var forged = await clerk.Post("/lab?handler=Run", formPage: null, ("Chosen", "card-not-swiped"));

        forged.Status.ShouldBe(HttpStatusCode.BadRequest);
        (await clerk.Get("/lab")).Text.ShouldContain("No run yet");
        (await clerk.Get("/lab/run/1")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RunPost_AFilePathOrNothing_IsRefusedOnThePageInWords()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var path = await clerk.Post("/lab?handler=Run", "/lab", ("Chosen", "/etc/passwd"));
        var none = await clerk.Post("/lab?handler=Run", "/lab");

        path.Status.ShouldBe(HttpStatusCode.BadRequest);
        path.Refusal.ShouldBe("no shipped scenario is named '/etc/passwd'");
        none.Refusal.ShouldBe("choose at least one scenario to run");
        (await clerk.Get("/lab")).Text.ShouldContain("No run yet");
    }

    private static async Task<ConsoleSite.Clerk> SignedIn(ConsoleSite site)
    {
        var clerk = site.NewClerk();
        (await clerk.SignIn("admin", ConsoleSite.AdminPassword)).Status.ShouldBe(HttpStatusCode.OK);
        return clerk;
    }
}
