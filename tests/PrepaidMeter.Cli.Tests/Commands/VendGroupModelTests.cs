using System.Text.Json.Nodes;
using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>`vend group add --model` takes a shipped id or a vendor's model file; the layout and unit follow the model.</summary>
public sealed class VendGroupModelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public VendGroupModelTests()
    {
        Environment.SetEnvironmentVariable("PREPAID_OPERATOR", "admin");
        Environment.SetEnvironmentVariable("PREPAID_PASSWORD", "admin-pass-1");
    }

    public void Dispose()
    {
        PrepaidMeter.Vending.Storage.SqliteVendingDatabase.ClearPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task GroupAdd_VendorModelFile_KeepsItsLayoutAndIssuesCardsOnceTheFilesAreGone()
    {
        var counter = await Site();
        var vendor = Directory.CreateDirectory(_folder.File("vendor")).FullName;
        Directory.CreateDirectory(Path.Combine(vendor, "layouts"));
        await File.WriteAllTextAsync(Path.Combine(vendor, "layouts", "acme-ref.json"), WithId(CardLayouts.ReferenceV1.SourceText, "acme-ref"));
        var model = JsonNode.Parse(MeterModels.ReferenceEnergy.SourceText)!.AsObject();
        model["id"] = "acme-e1";
        model["layouts"] = new JsonArray("layouts/acme-ref.json");
        await File.WriteAllTextAsync(Path.Combine(vendor, "acme-e1.json"), model.ToJsonString());

        var added = await counter.Vend("group", "add", "--code", "100002", "--name", "Acme", "--secret", CounterOnFiles.Secret, "--model", Path.Combine(vendor, "acme-e1.json"));
        Directory.Delete(vendor, recursive: true);

        added.Exit.ShouldBe(0, added.Err);
        added.Out.ShouldContain("acme-e1");
        added.Out.ShouldContain("acme-ref");
        var blank = await counter.Vend("--card", "acme", "card", "blank", "--group", "100002");
        blank.Exit.ShouldBe(0, blank.Err);
        CardImageHex.TryParse(await File.ReadAllTextAsync(_folder.File("cards/acme.hex")), out var image).ShouldBeNull();
        image.Length.ShouldBe(CardLayouts.ReferenceV1.Size);
        (await counter.Vend("audit", "verify")).Exit.ShouldBe(0);
    }

    [Fact]
    public async Task GroupAdd_UnitTheModelDoesNotCountIn_RefusedNamingTheModelsUnit()
    {
        var counter = await Site();

        var refused = await counter.Vend("group", "add", "--code", "100002", "--name", "Acme", "--secret", CounterOnFiles.Secret, "--model", "pm-ref-energy", "--unit", "money");

        refused.Exit.ShouldBe(ExitCodes.Refused);
        refused.Err.ShouldContain("--unit money: model 'pm-ref-energy' counts in energy");
    }

    [Fact]
    public async Task GroupAdd_LayoutTheModelDoesNotRead_Refused()
    {
        var counter = await Site();

        var refused = await counter.Vend("group", "add", "--code", "100002", "--name", "Acme", "--secret", CounterOnFiles.Secret, "--model", "pm-ref-energy", "--layout", "legacy-bcd-v1");

        refused.Exit.ShouldBe(ExitCodes.Refused);
        refused.Err.ShouldContain("--layout legacy-bcd-v1: model 'pm-ref-energy' reads pm-ref-v1");
    }

    [Fact]
    public async Task GroupAdd_MoneyModelWithoutUnitOrLayout_TakesTheModelsUnitAndLayout()
    {
        var counter = await Site();

        var added = await counter.Vend("--json", "group", "add", "--code", "100002", "--name", "Old", "--secret", CounterOnFiles.Secret, "--model", "legacy-money");

        added.Exit.ShouldBe(0, added.Err);
        added.Out.ShouldContain("\"layout\": \"legacy-bcd-v1\"");
        added.Out.ShouldContain("\"creditUnit\": \"Money\"");
    }

    private async Task<CounterOnFiles> Site()
    {
        Directory.CreateDirectory(_folder.File("cards"));
        var counter = new CounterOnFiles(_folder, _folder.File("prepaid.db"));
        (await counter.Vend("init", "--station", "0001", "--name", "Test")).Exit.ShouldBe(0);
        return counter;
    }

    private static string WithId(string layoutJson, string id)
    {
        var layout = JsonNode.Parse(layoutJson)!.AsObject();
        layout["id"] = id;
        return layout.ToJsonString();
    }
}
