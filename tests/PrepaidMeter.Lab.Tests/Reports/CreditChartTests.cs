using PrepaidMeter.Lab.Reports;

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

    /// <summary>A chart of a water model's run says m³, never money.</summary>
    [Fact]
    public async Task Svg_VolumeModel_LabelsCreditInM3()
    {
        var result = await Run("""{ "do": "openAccount", "volume": "20" }, { "do": "swipe" }, { "do": "flow", "rate": "1m3/h", "for": "5h" }""", model: "pm-ref-water");

        var svg = CreditChart.Svg(result);

        result.Passed.ShouldBeTrue();
        svg.ShouldContain("remaining (m³)");
        svg.ShouldNotContain("money");
    }
}
