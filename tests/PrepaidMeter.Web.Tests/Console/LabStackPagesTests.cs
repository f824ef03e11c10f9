using System.Net;
using System.Text.Json;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// The lab's stack target in the console (`prepaid web --lab-stack`): a scenario played by meter processes behind pcscd, vpcd
/// and a socat pair (tools/test.sh starts pcscd), as `prepaid lab run --target stack` plays it; and a console that does not
/// offer the stack refusing a run on it.
/// </summary>
public sealed class LabStackPagesTests
{
    private static readonly StackTargetOptions Stack = new(["dotnet", Path.Combine(AppContext.BaseDirectory, "prepaid.dll")]);

    [Fact]
    public async Task Run_OnTheStack_PlaysThroughPcscdAndFinishesPassed()
    {
        await using var site = await ConsoleSite.StartAsync(options => options with { LabStack = Stack });
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        (await clerk.Get("/lab")).Html.ShouldContain("id=\"run-stack\"");

        var started = await clerk.Post("/lab?handler=Run", "/lab", ("Chosen", "card-not-swiped"), ("Target", "stack"));
        started.At!.AbsolutePath.ShouldBe("/lab/run/1");
        var events = await LabEventReader.ReadToEndAsync(clerk.Http, "/lab/run/1/events");
        var page = await clerk.Get("/lab/run/1");

        page.Html.ShouldContain("data-state=\"finished\"", customMessage: string.Join(" | ", events));
        page.Html.ShouldContain("<dd data-testid=\"target\">stack</dd>");
        using var results = JsonDocument.Parse(await (await clerk.Http.GetAsync("/lab/run/1/results.json")).Content.ReadAsStringAsync());
        results.RootElement[0].GetProperty("passed").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Run_OnTheStack_WhenTheConsoleOffersOnlyVirtual_IsRefusedInWords()
    {
        await using var site = await ConsoleSite.StartAsync();
        using var clerk = site.NewClerk();
        await clerk.SignIn("admin", ConsoleSite.AdminPassword);
        (await clerk.Get("/lab")).Html.ShouldNotContain("name=\"Target\"");

        var refused = await clerk.Post("/lab?handler=Run", "/lab", ("Chosen", "card-not-swiped"), ("Target", "stack"));

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.Text.ShouldContain("this console plays on the virtual target only, not 'stack' (start it with --lab-stack for the stack)");
        (await clerk.Get("/lab")).Text.ShouldContain("No run yet");
    }
}
