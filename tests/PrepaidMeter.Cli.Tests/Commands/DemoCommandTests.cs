using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_PlaysTheStory_PrintsEveryStepAndWritesTheReport()
    {
        using var folder = new TempFolder();

        var (exit, output, error) = await Prepaid.RunAsync("demo", "--out", folder.Path);

        exit.ShouldBe(ExitCodes.Success, error);
        output.ShouldContain("card not swiped");
        output.ShouldContain("Alarm2");
        output.ShouldContain("CreditExhausted");
        output.ShouldContain("new card serial");
        output.ShouldContain("configured; 23.50 kWh");
        error.ShouldContain("every expectation held");
        var page = await File.ReadAllTextAsync(folder.File("report.html"));
        page.ShouldContain("demo-story");
        page.ShouldContain("data:image/png;base64,");
        new FileInfo(folder.File("demo-story.png")).Length.ShouldBeGreaterThan(10_000);
        (await File.ReadAllTextAsync(folder.File("demo-story.svg"))).ShouldStartWith("<?xml");
    }

    [Fact]
    public async Task Demo_PlaysTheWaterAndTheTokenHouseholdsAfterTheElectricityOne_AllInTheTableAndTheReport()
    {
        using var folder = new TempFolder();

        var (exit, output, error) = await Prepaid.RunAsync("demo", "--out", folder.Path);

        exit.ShouldBe(ExitCodes.Success, error);
        output.IndexOf("Model pm-ref-water", StringComparison.Ordinal).ShouldBeGreaterThan(output.IndexOf("Model pm-ref-energy", StringComparison.Ordinal));
        output.ShouldContain("household water curve");
        output.ShouldContain("LeakDetected");
        output.ShouldContain("apply-magnet at meter");
        var page = await File.ReadAllTextAsync(folder.File("report.html"));
        page.ShouldContain("demo-water-story");
        page.ShouldContain("pm-ref-water");
        page.ShouldContain("household water curve");
        new FileInfo(folder.File("demo-water-story.png")).Length.ShouldBeGreaterThan(10_000);

        // The keypad household: tokens sold at the counter (a receipt each) and typed in at the STS meter.
        output.IndexOf("Model pm-sts-energy", StringComparison.Ordinal).ShouldBeGreaterThan(output.IndexOf("Model pm-ref-water", StringComparison.Ordinal));
        output.ShouldContain("tokens typed at the meter's keypad");
        output.ShouldContain("token sold at the counter");
        output.ShouldContain("rounded up by 0.02");
        output.ShouldContain("Used: this token");
        page.ShouldContain("demo-token-story");
        new FileInfo(folder.File("demo-token-story.png")).Length.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public async Task Demo_Json_PrintsTheStepsAsJson()
    {
        using var folder = new TempFolder();

        var (exit, output, _) = await Prepaid.RunAsync("demo", "--json", "--out", folder.Path);

        exit.ShouldBe(ExitCodes.Success);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var story = json.RootElement[0];
        story.GetProperty("scenario").GetString().ShouldBe("demo-story");
        story.GetProperty("passed").GetBoolean().ShouldBeTrue();
        story.GetProperty("steps").GetArrayLength().ShouldBeGreaterThan(20);
        var water = json.RootElement[1];
        water.GetProperty("scenario").GetString().ShouldBe("demo-water-story");
        water.GetProperty("passed").GetBoolean().ShouldBeTrue();
        var tokens = json.RootElement[2];
        tokens.GetProperty("scenario").GetString().ShouldBe("demo-token-story");
        tokens.GetProperty("passed").GetBoolean().ShouldBeTrue();
    }
}
