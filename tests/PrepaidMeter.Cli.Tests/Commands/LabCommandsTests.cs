using System.Xml.Linq;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

public sealed class LabCommandsTests
{
    [Fact]
    public async Task LabRun_ShippedScenarios_PassAndWriteJUnitAndTheReport()
    {
        using var folder = new TempFolder();

        var (exit, output, error) = await Prepaid.RunAsync("lab", "run", "card-not-swiped", "emergency-credit", "--junit", folder.File("junit.xml"), "--report", folder.File("report"));

        exit.ShouldBe(ExitCodes.Success, error);
        output.ShouldContain("2 scenario(s) played; every expectation held.");
        var suite = XDocument.Load(folder.File("junit.xml")).Root!.Element("testsuite")!;
        suite.Attribute("tests")!.Value.ShouldBe("2");
        suite.Attribute("failures")!.Value.ShouldBe("0");
        File.Exists(Path.Combine(folder.File("report"), "report.html")).ShouldBeTrue();
        File.Exists(Path.Combine(folder.File("report"), "emergency-credit.png")).ShouldBeTrue();
    }

    [Fact]
    public async Task LabRun_FailingExpectation_Exits2AndNamesTheStep()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("s.json"), """
            { "name": "wrong", "model": "pm-ref-energy", "steps": [ { "do": "openAccount", "energy": "50" }, { "do": "swipe", "expect": { "remaining": "61" } } ] }
            """);

        var (exit, output, _) = await Prepaid.RunAsync("lab", "run", folder.File("s.json"), "--junit", folder.File("junit.xml"));

        exit.ShouldBe(ExitCodes.Refused);
        output.ShouldContain("FAILED step 2 (swipe): remaining: expected 61.00, got 60.00");
        XDocument.Load(folder.File("junit.xml")).Descendants("failure").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task LabRun_FileWithMistakes_PlaysNothingAndListsThemAll()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("bad.json"), """
            { "name": "bad", "model": "pm-ref-energy", "steps": [ { "do": "openAccount", "energy": "50" }, { "do": "sel", "energy": "10" }, { "do": "swipe", "expect": { "result": "loadedd" } } ] }
            """);

        var (exit, output, error) = await Prepaid.RunAsync("lab", "run", folder.File("bad.json"), "card-not-swiped");

        exit.ShouldBe(ExitCodes.Refused);
        output.ShouldBeEmpty();
        error.ShouldContain("bad.json, step 2: 'do': 'sel' is not one of");
        error.ShouldContain("bad.json, step 3 ('swipe'), expect: 'result': 'loadedd' is not one of");
        error.ShouldContain("2 mistake(s) found; nothing was played");
    }

    [Fact]
    public async Task LabRun_UnknownTarget_IsAUsageError()
    {
        var (exit, _, error) = await Prepaid.RunAsync("lab", "run", "card-not-swiped", "--target", "moon");

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("moon");
    }

    [Fact]
    public async Task LabRun_NothingNamed_SaysWhatToGive()
    {
        var (exit, _, error) = await Prepaid.RunAsync("lab", "run");

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("give --all");
    }

    [Fact]
    public async Task LabList_ShowsTheLibrary()
    {
        var (exit, output, _) = await Prepaid.RunAsync("lab", "list", "--json");

        exit.ShouldBe(ExitCodes.Success);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        json.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()).ShouldContain("demo-story");
    }

    [Fact]
    public async Task Certify_ShippedModel_Exits0AndWritesTheThreeFilesNamingTheTargetAndTheCardProtocol()
    {
        using var folder = new TempFolder();

        var (exit, output, error) = await Prepaid.RunAsync("certify", "--model", "pm-ref-full", "--out", folder.Path);

        exit.ShouldBe(ExitCodes.Success, error);
        output.ShouldContain("Model pm-ref-full on virtual: certified");
        output.ShouldContain("P1, P2, P3");
        output.ShouldContain("card protocol: forged card refused");
        (await File.ReadAllTextAsync(folder.File("results.json"))).ShouldContain("the reference model (VirtualMeter) in this process");
        File.Exists(folder.File("report.html")).ShouldBeTrue();
        File.Exists(folder.File("junit.xml")).ShouldBeTrue();
        File.Exists(folder.File("results.json")).ShouldBeTrue();
    }

    [Fact]
    public async Task Certify_ModelFileWithAMistake_Exits2NamingIt()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("model.json"), """{ "id": "x", "creditUnit": "energy", "layouts": ["pm-ref-v1"], "colour": "red" }""");

        var (exit, _, error) = await Prepaid.RunAsync("certify", "--model", folder.File("model.json"), "--out", folder.File("out"));

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("prepaid: ");
        Directory.Exists(folder.File("out")).ShouldBeFalse();
    }
}
