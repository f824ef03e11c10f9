using System.Text.Json.Nodes;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// A vendor's model or layout file named on any command is checked as `check` checks it: every mistake at once, with its
/// JSON path, where the loaders alone stopped at the first unknown member and read a JSON null as an absent member; a
/// scenario's parser gathers every mistake itself and refuses a null.
/// </summary>
public sealed class VendorFilesOnCommandsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string ModelWith(Action<JsonObject> edit)
    {
        var model = VendorModelFiles.Write(_folder.Path);
        var json = JsonNode.Parse(File.ReadAllText(model))!.AsObject();
        edit(json);
        File.WriteAllText(model, json.ToJsonString());
        return model;
    }

    [Fact]
    public async Task Certify_ModelFileWithTwoUnknownMembers_NamesBothAndRunsNothing()
    {
        var model = ModelWith(m =>
        {
            m["colour"] = "red";
            m["flavour"] = "lime";
        });

        var (exit, _, error) = await Prepaid.RunAsync("certify", "--model", model, "--out", _folder.File("report"));

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain($"prepaid: {model}: $.colour: an unknown member");
        error.ShouldContain($"prepaid: {model}: $.flavour: an unknown member");
        Directory.Exists(_folder.File("report")).ShouldBeFalse();
    }

    [Fact]
    public async Task MeterNew_ModelFileWithANullAlarm_IsRefusedNotTakenAsTheDefault()
    {
        var model = ModelWith(m => m["defaults"]!["alarm1"] = null);

        var (exit, _, error) = await Prepaid.RunAsync("meter", "new", "--model", model, "--number", "000012345678", "--group", "100001",
            "--secret", "00112233445566778899aabbccddeeff", "--out", _folder.File("m.nvram"));

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain($"prepaid: {model}: $.defaults.alarm1: ");
        File.Exists(_folder.File("m.nvram")).ShouldBeFalse();
    }

    [Fact]
    public async Task CardDecode_LayoutFileWithUnknownMembers_NamesEachOnce()
    {
        var layout = JsonNode.Parse(File.ReadAllText(RepoPaths.Fixtures("layouts", "pm-ref-v1.json")))!.AsObject();
        layout.Remove("$schema");
        layout["foo"] = 1;
        layout["bar"] = null;
        File.WriteAllText(_folder.File("l.json"), layout.ToJsonString());
        File.WriteAllText(_folder.File("card.hex"), new string('0', 512));

        var (exit, _, error) = await Prepaid.RunAsync("card", "decode", "--layout", _folder.File("l.json"), _folder.File("card.hex"));

        exit.ShouldBe(ExitCodes.Refused);
        error.Trim().Split('\n').ShouldBe([
            $"prepaid: {_folder.File("l.json")}: $.foo: an unknown member: the format has none of this name here",
            $"prepaid: {_folder.File("l.json")}: $.bar: an unknown member: the format has none of this name here",
        ]);
    }

    [Fact]
    public async Task LabRun_SaleWithANullAmount_IsRefusedBeforeAnythingPlays()
    {
        File.WriteAllText(_folder.File("s.json"), """
            { "name": "s", "model": "pm-ref-energy", "steps": [ { "do": "openAccount", "energy": "50" }, { "do": "swipe" }, { "do": "sell", "energy": null } ] }
            """);

        var (exit, output, error) = await Prepaid.RunAsync("lab", "run", _folder.File("s.json"));

        exit.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("step 3 ('sell'): 'energy' is null: give it a value or leave it out");
        error.ShouldContain("nothing was played");
        output.ShouldBeEmpty();
    }
}
