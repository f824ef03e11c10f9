using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Tests.Vendor;

/// <summary>A vendor's model is a file, not code: named by path from anywhere, its layout by a path beside it.</summary>
public sealed class VendorModelTests
{
    private const string Story = """
        {
          "name": "acme-story",
          "model": "../models/acme-e1.json",
          "steps": [
            { "do": "openAccount", "energy": "50", "expect": { "receipts": 1, "cardPurchaseCount": 1 } },
            { "do": "sell", "energy": "10", "expect": { "refused": "cardNotSwiped" } },
            { "do": "swipe", "expect": { "result": "loaded", "remaining": "60.00", "purchaseCount": 1 } },
            { "do": "sell", "energy": "10", "expect": { "receipts": 2, "cardPurchaseCount": 2 } },
            { "do": "swipe", "expect": { "result": "loaded", "remaining": "70.00" } }
          ]
        }
        """;

    [Fact]
    public void Resolve_ModelFile_TakesItsLayoutFromTheModelsFolderNotTheCurrentOne()
    {
        using var vendor = new VendorFolder();

        var model = MeterModels.Resolve(vendor.ModelPath).GetModelOrThrow();

        model.Id.ShouldBe("acme-e1");
        model.Layouts.ShouldHaveSingleItem().Id.ShouldBe("acme-ref");
        model.Sha256.ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(vendor.ModelPath))));
    }

    [Fact]
    public void Resolve_ModelWhoseLayoutFileIsMissing_NamesTheLayoutAndWhereItLooked()
    {
        using var vendor = new VendorFolder();
        File.Delete(vendor.LayoutPath);

        var error = MeterModels.Resolve(vendor.ModelPath).Errors.ShouldHaveSingleItem();

        error.ShouldStartWith($"{vendor.ModelPath}: layouts: '../layouts/acme-ref.json':");
        error.ShouldContain($"{vendor.LayoutPath}: no shipped layout has this id and no file has this path");
    }

    [Fact]
    public async Task Scenario_NamingAVendorModelByRelativePath_RunsGreenOnVirtual()
    {
        using var vendor = new VendorFolder();
        var scenario = ScenarioParser.Load(vendor.Scenario("story.json", Story)).GetScenarioOrThrow();
        await using var target = new VirtualTarget();

        var result = await ScenarioRunner.RunAsync(scenario, target);

        scenario.Model.Id.ShouldBe("acme-e1");
        result.Passed.ShouldBeTrue(string.Join(Environment.NewLine, JUnitReport.Failures(result)));
    }

    [Fact]
    public async Task Certify_VendorModelWithItsOwnLayoutFile_EveryClausePassesOnVirtual()
    {
        using var vendor = new VendorFolder();
        var model = MeterModels.Resolve(vendor.ModelPath).GetModelOrThrow();

        var result = await Certifier.RunAsync(model, () => new VirtualTarget(), TimeProvider.System);

        result.Passed.ShouldBeTrue(string.Join(Environment.NewLine, result.Clauses.SelectMany(c => JUnitReport.Failures(c.Result))));
    }

    [Fact]
    public async Task Certify_ModelWhoseLayoutIs128BytesOnAnAt24c02_EveryClausePassesOnVirtual()
    {
        using var vendor = new VendorFolder();
        var model = MeterModels.Resolve(vendor.At24c02ModelPath).GetModelOrThrow();

        var result = await Certifier.RunAsync(model, () => new VirtualTarget(), TimeProvider.System);

        model.Layouts.ShouldHaveSingleItem().Medium.ShouldBe(PrepaidMeter.Cards.Readers.CardMedium.At24c02);
        result.Passed.ShouldBeTrue(string.Join(Environment.NewLine, result.Clauses.SelectMany(c => JUnitReport.Failures(c.Result))));
    }

    [Fact]
    public async Task Certify_ModelWhoseCardsAreCpuCardsWithAFileMap_EveryClausePassesOnVirtual()
    {
        using var vendor = new VendorFolder();
        var model = MeterModels.Resolve(vendor.CpuModelPath).GetModelOrThrow();

        var result = await Certifier.RunAsync(model, () => new VirtualTarget(), TimeProvider.System);

        model.Layouts.ShouldHaveSingleItem().Medium.Files.Count.ShouldBe(4);
        result.Passed.ShouldBeTrue(string.Join(Environment.NewLine, result.Clauses.SelectMany(c => JUnitReport.Failures(c.Result))));
    }
}
