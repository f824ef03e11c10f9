using Microsoft.Extensions.Time.Testing;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Tests.Scenarios;

/// <summary>A model counting m³ (issue 25) is refused by name where the lab would run it, never run as energy or money.</summary>
public sealed class RunnableModelsTests
{
    internal static readonly MeterModel Water = MeterModels.ReferenceEnergy with { Id = "water-ref", CreditUnit = CreditUnit.Volume };

    private const string WhyNotWater =
        "model water-ref counts credit in m³ (a water or gas meter); the lab runs such models from issue 25's next steps (the virtual water meter, then water sales)";

    [Theory]
    [InlineData(CreditUnit.Energy)]
    [InlineData(CreditUnit.Money)]
    public void WhyNot_EnergyOrMoneyModel_IsNull(CreditUnit unit) =>
        RunnableModels.WhyNot(MeterModels.ReferenceEnergy with { CreditUnit = unit }).ShouldBeNull();

    [Fact]
    public void WhyNot_VolumeModel_NamesTheModelAndWhatItWaitsFor() => RunnableModels.WhyNot(Water).ShouldBe(WhyNotWater);

    [Fact]
    public async Task Run_ScenarioOnAVolumeModel_NotStartedWithTheReason()
    {
        var scenario = ScenarioParser.Parse("""{ "name": "t", "model": "pm-ref-energy", "steps": [ { "do": "openAccount", "energy": "50" } ] }""", "t.json")
            .GetScenarioOrThrow() with { Model = Water };
        await using var target = new VirtualTarget();

        var result = await ScenarioRunner.RunAsync(scenario, target);

        result.Passed.ShouldBeFalse();
        result.Problem.ShouldBe(WhyNotWater);
        result.Steps.ShouldBeEmpty();
    }

    [Fact]
    public async Task Certify_VolumeModel_RefusedBeforeAnyClause()
    {
        var targets = 0;

        var refused = await Should.ThrowAsync<ArgumentException>(() =>
            Certifier.RunAsync(Water, () => { targets++; return new VirtualTarget(); }, new FakeTimeProvider()));

        refused.Message.ShouldStartWith(WhyNotWater);
        targets.ShouldBe(0);
    }
}
