using System.Net;
using System.Text.Json;
using PrepaidMeter.Core;
using PrepaidMeter.Web.Tests.Console;

namespace PrepaidMeter.Web.Tests.Meters;

/// <summary>
/// The meter display over real HTTP (docs/web.md, "Meter display"): a meter's LCD read from its NVRAM file — credit in the
/// model's unit, the cumulative register, the relay or valve and why, the alarm, the last card — its list, the live stream
/// following the file as the meter saves it, and the answers for a meter that is not there or a file caught half-written.
/// </summary>
public sealed class MeterDisplayPagesTests
{
    private static readonly TimeSpan StreamWait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task EnergyMeter_ShowsItsCreditInKwh_TheRelayClosed_AndTheCardItLoaded()
    {
        using var meters = new MeterBench();
        meters.EnergyMeter();
        await using var site = await ConsoleSite.StartWithMetersAsync(meters.Folder);
        using var clerk = await SignedIn(site);

        var shown = await clerk.Get($"/meters/{MeterBench.Energy}");

        shown.Status.ShouldBe(HttpStatusCode.OK);
        shown.Text.ShouldContain("Meter 000012345678");
        shown.Html.ShouldContain("data-testid=\"credit\">60.00</span>");
        shown.Html.ShouldContain("data-field=\"creditUnit\">kWh</span>");
        shown.Html.ShouldContain("data-testid=\"supply\">relay closed</dd>");
        shown.Html.ShouldContain("data-testid=\"why\">nothing: the supply is on</dd>");
        shown.Html.ShouldContain("data-lit=\"supply\" data-on=\"yes\">RELAY ON</span>");
        shown.Html.ShouldContain("data-lit=\"alarm\" data-on=\"no\">ALARM</span>");
        shown.Html.ShouldContain("data-testid=\"last-card\">User card 20260001: Loaded</span>");
        shown.Html.ShouldContain("<script src=\"/meter-display.js\" defer></script>");
        shown.Html.ShouldNotContain("VALVE");
    }

    [Fact]
    public async Task EnergyMeterRunDown_ShowsTheRelayOpen_WhyInWords_AndTheAlarmLit()
    {
        using var meters = new MeterBench();
        var meter = meters.EnergyMeter();
        // 4 kW for a day: down through alarm 1 to alarm 2, whose trip opens the relay until the card is inserted again.
        meter.Advance(TimeSpan.FromDays(1), PrepaidMeter.Meter.Load.LoadProfile.Constant(4_000));
        meters.Save(meter);
        await using var site = await ConsoleSite.StartWithMetersAsync(meters.Folder);
        using var clerk = await SignedIn(site);

        var shown = await clerk.Get($"/meters/{MeterBench.Energy}");

        shown.Html.ShouldContain("data-testid=\"supply\">relay open</dd>");
        shown.Html.ShouldContain("data-lit=\"supply\" data-on=\"no\">RELAY ON</span>");
        shown.Html.ShouldContain("data-testid=\"why\">alarm 2: insert the card</dd>");
        shown.Html.ShouldContain("data-lit=\"alarm\" data-on=\"yes\">ALARM</span>");
        shown.Text.ShouldContain("Credit alarm 2");
    }

    [Fact]
    public async Task WaterMeter_ShowsItsCreditInCubicMetres_AndItsValve_NotARelay()
    {
        using var meters = new MeterBench();
        meters.WaterMeter();
        await using var site = await ConsoleSite.StartWithMetersAsync(meters.Folder);
        using var clerk = await SignedIn(site);

        var shown = await clerk.Get($"/meters/{MeterBench.Water}");

        shown.Status.ShouldBe(HttpStatusCode.OK);
        shown.Text.ShouldContain("Model pm-ref-water (water)");
        var html = WebUtility.HtmlDecode(shown.Html);
        html.ShouldContain("data-field=\"creditUnit\">m³</span>");
        html.ShouldContain("data-field=\"usedUnit\">m³</span>");
        shown.Html.ShouldContain("data-testid=\"supply\">valve open</dd>");
        shown.Html.ShouldContain("data-lit=\"supply\" data-on=\"yes\">VALVE OPEN</span>");
        shown.Html.ShouldContain("data-lit=\"leak\"");
        shown.Html.ShouldContain("data-testid=\"last-card\">User card 20260001: Loaded</span>");
        shown.Html.ShouldNotContain("RELAY");
        shown.Html.ShouldNotContain("kWh");
    }

    [Fact]
    public async Task MeterList_ShowsEveryMeterOfTheFolder_AndTheNavigationLinksIt()
    {
        using var meters = new MeterBench();
        meters.EnergyMeter();
        meters.WaterMeter();
        await using var site = await ConsoleSite.StartWithMetersAsync(meters.Folder);
        using var clerk = await SignedIn(site);

        var list = await clerk.Get("/meters");

        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Html.ShouldContain("<a href=\"/meters\">Meter display</a>");
        list.Html.ShouldContain($"<a href=\"/meters/{MeterBench.Energy}\">{MeterBench.Energy}</a>");
        list.Html.ShouldContain($"<a href=\"/meters/{MeterBench.Water}\">{MeterBench.Water}</a>");
        list.Text.ShouldContain("pm-ref-energy (electricity)");
        list.Text.ShouldContain("pm-ref-water (water)");
    }

    [Fact]
    public async Task Stream_AfterACardIsInsertedAndTheMeterSaved_SendsTheNewDisplay()
    {
        using var meters = new MeterBench();
        var meter = meters.EnergyMeter();
        await using var site = await ConsoleSite.StartWithMetersAsync(meters.Folder);
        using var clerk = await SignedIn(site);
        using var response = await clerk.Http.GetAsync($"/meters/{MeterBench.Energy}?handler=Stream", HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        Fields(await events.NextAsync("display", StreamWait))["credit"].ShouldBe("60.00");

        meters.InsertAndSave(meter, 2, CreditAmount.Of(Energy.FromKilowattHours(20m))).Accepted.ShouldBeTrue();

        var after = Fields(await events.NextAsync("display", StreamWait));
        after["credit"].ShouldBe("80.00");
        after["lastCard"].ShouldBe("User card 20260001: Loaded");
    }

    [Fact]
    public async Task Stream_ARefusedCard_LightsTheCardErrorSymbol()
    {
        using var meters = new MeterBench();
        var meter = meters.EnergyMeter();
        await using var site = await ConsoleSite.StartWithMetersAsync(meters.Folder);
        using var clerk = await SignedIn(site);
        using var response = await clerk.Http.GetAsync($"/meters/{MeterBench.Energy}?handler=Stream", HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        await events.NextAsync("display", StreamWait);

        // Purchase count 3 on a meter at 1: out of sequence (rule U4), refused and counted.
        meters.InsertAndSave(meter, 3, CreditAmount.Of(Energy.FromKilowattHours(20m))).Accepted.ShouldBeFalse();

        using var after = JsonDocument.Parse(await events.NextAsync("display", StreamWait));
        after.RootElement.GetProperty("lit").GetProperty("refused").GetBoolean().ShouldBeTrue();
        after.RootElement.GetProperty("fields").GetProperty("lastCard").GetString().ShouldBe("User card 20260001: CountOutOfSequence");
        after.RootElement.GetProperty("fields").GetProperty("credit").GetString().ShouldBe("60.00");
    }

    [Fact]
    public async Task Stream_EndsWhenTheConsoleStops_WithoutHoldingUpTheShutdown()
    {
        using var meters = new MeterBench();
        meters.EnergyMeter();
        await using var site = await ConsoleSite.StartWithMetersAsync(meters.Folder);
        using var clerk = await SignedIn(site);
        using var response = await clerk.Http.GetAsync($"/meters/{MeterBench.Energy}?handler=Stream", HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        await events.NextAsync("display", StreamWait);

        // The host waits up to its shutdown timeout (30 s) for requests in flight: a stream that ignored the stop would hold
        // StopAsync that long, past this bounded wait (10 s), which then fails the test — no clock reading needed.
        await site.App.StopAsync().WaitAsync(StreamWait);

        await Should.ThrowAsync<EndOfStreamException>(() => events.NextAsync("display", StreamWait));
    }

    [Fact]
    public async Task Stream_EndsWhenItsOperatorIsDisabled_AtTheNextCheckOfTheSession()
    {
        using var meters = new MeterBench();
        meters.EnergyMeter();
        await using var site = await ConsoleSite.StartAsync(options => options with { Meters = [meters.Folder], StreamRecheck = TimeSpan.FromMilliseconds(200) });
        Environment.SetEnvironmentVariable("PREPAID_NEW_PASSWORD", "cashier-pass-1");
        (await site.Books.Vend("operator", "add", "wang", "--name", "Wang Fang", "--role", "cashier")).Exit.ShouldBe(0);
        using var cashier = site.NewClerk();
        await cashier.SignIn("wang", "cashier-pass-1");
        using var response = await cashier.Http.GetAsync($"/meters/{MeterBench.Energy}?handler=Stream", HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        await events.NextAsync("display", StreamWait);

        (await site.Books.Vend("operator", "disable", "wang")).Exit.ShouldBe(0);

        // Nothing changes in the meter's file: only the session's check can end the stream.
        await Should.ThrowAsync<EndOfStreamException>(() => events.NextAsync("display", StreamWait));
    }

    [Fact]
    public async Task UnknownMeter_Is404_WithASentence()
    {
        using var meters = new MeterBench();
        meters.EnergyMeter();
        await using var site = await ConsoleSite.StartWithMetersAsync(meters.Folder);
        using var clerk = await SignedIn(site);

        var unknown = await clerk.Get("/meters/99999999");
        var mistyped = await clerk.Get("/meters/12ab");

        unknown.Status.ShouldBe(HttpStatusCode.NotFound);
        unknown.Refusal.ShouldBe($"No meter 99999999 among the console's meter files ({meters.Folder}).");
        mistyped.Status.ShouldBe(HttpStatusCode.NotFound);
        mistyped.Refusal.ShouldNotBeNull().ShouldStartWith("'12ab' is not a meter number");
        (await clerk.Http.GetAsync("/meters/99999999?handler=Stream")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task HalfWrittenFile_DoesNotBreakThePage_ItShowsTheLastStateAndSaysSo()
    {
        using var meters = new MeterBench();
        meters.EnergyMeter();
        var file = meters.FileOf(MeterBench.Energy);
        await using var site = await ConsoleSite.StartWithMetersAsync(meters.Folder);
        using var clerk = await SignedIn(site);
        (await clerk.Get($"/meters/{MeterBench.Energy}")).Status.ShouldBe(HttpStatusCode.OK);

        // A writer that writes in place, caught halfway (the meter itself writes then renames, so it never leaves this).
        var whole = await File.ReadAllBytesAsync(file);
        await File.WriteAllBytesAsync(file, whole[..(whole.Length / 2)]);
        var shown = await clerk.Get($"/meters/{MeterBench.Energy}");
        var list = await clerk.Get("/meters");

        shown.Status.ShouldBe(HttpStatusCode.OK);
        shown.Html.ShouldContain("data-testid=\"credit\">60.00</span>");
        shown.Text.ShouldContain("The file cannot be read just now");
        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Html.ShouldContain("data-testid=\"meters\"");
    }

    [Fact]
    public async Task ACorruptFileNeverReadWhole_IsListedAsUnreadable_BesideTheOthers()
    {
        using var meters = new MeterBench();
        meters.EnergyMeter();
        await File.WriteAllTextAsync(Path.Combine(meters.Folder, "broken.nvram"), "PMNV and nothing more");
        await using var site = await ConsoleSite.StartWithMetersAsync(meters.Folder);
        using var clerk = await SignedIn(site);

        var list = await clerk.Get("/meters");

        list.Status.ShouldBe(HttpStatusCode.OK);
        list.Text.ShouldContain("This file cannot be read:");
        list.Text.ShouldContain("broken.nvram");
        list.Html.ShouldContain($"<a href=\"/meters/{MeterBench.Energy}\">");
    }

    [Fact]
    public async Task WithoutMeters_TheDisplayIs404_AndTheNavigationDoesNotLinkIt()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = await SignedIn(site);

        var list = await clerk.Get("/meters");

        list.Status.ShouldBe(HttpStatusCode.NotFound);
        list.Refusal.ShouldNotBeNull().ShouldStartWith("This console shows no meters");
        list.Html.ShouldNotContain("Meter display</a>");
    }

    [Fact]
    public async Task Auditor_WithoutReadings_IsNotAllowedTheDisplay()
    {
        using var meters = new MeterBench();
        meters.EnergyMeter();
        await using var site = await ConsoleSite.StartWithMetersAsync(meters.Folder);
        Environment.SetEnvironmentVariable("PREPAID_NEW_PASSWORD", "auditor-pass-1");
        (await site.Books.Vend("operator", "add", "zhao", "--name", "Zhao Min", "--role", "auditor")).Exit.ShouldBe(0);
        using var auditor = site.NewClerk();
        await auditor.SignIn("zhao", "auditor-pass-1");

        var refused = await auditor.Get($"/meters/{MeterBench.Energy}");

        refused.Status.ShouldBe(HttpStatusCode.Forbidden);
        refused.At!.PathAndQuery.ShouldBe("/denied?function=Readings");
        refused.Html.ShouldNotContain("Meter display</a>");
    }

    private static Dictionary<string, string> Fields(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("fields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static async Task<ConsoleSite.Clerk> SignedIn(ConsoleSite site)
    {
        var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        return clerk;
    }
}
