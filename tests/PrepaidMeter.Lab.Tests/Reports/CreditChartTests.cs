using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Tests.Scenarios;

using static PrepaidMeter.Lab.Tests.Running.InlineScenarios;

namespace PrepaidMeter.Lab.Tests.Reports;

public sealed class CreditChartTests
{
    [Fact]
    public async Task Svg_EnergyModel_LabelsCreditInKwh()
    {
        var result = await Run("""{ "do": "openAccount", "energy": "50" }, { "do": "swipe" }""");

        CreditChart.Svg(result).ShouldContain("remaining (kWh)");
    }

    /// <summary>A chart of a volume model's run (once the lab runs one) says m³, never money.</summary>
    [Fact]
    public async Task Svg_VolumeModel_LabelsCreditInM3()
    {
        var result = await Run("""{ "do": "openAccount", "energy": "50" }, { "do": "swipe" }""");
        var water = result with { Scenario = result.Scenario with { Model = RunnableModelsTests.Water } };

        var svg = CreditChart.Svg(water);

        svg.ShouldContain("remaining (m³)");
        svg.ShouldNotContain("money");
    }
}
