using PrepaidMeter.Core;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Tests.Scenarios;

/// <summary>Every credit unit runs on the virtual target (issue 25 step 5); a bench, reading DL/T 645 only, refuses a volume model by name.</summary>
public sealed class RunnableModelsTests
{
    [Theory]
    [InlineData(CreditUnit.Energy)]
    [InlineData(CreditUnit.Money)]
    public void WhyNot_EnergyOrMoneyModel_IsNull(CreditUnit unit) =>
        RunnableModels.WhyNot(MeterModels.ReferenceEnergy with { CreditUnit = unit }).ShouldBeNull();

    [Fact]
    public void WhyNot_WaterModel_IsNull() => RunnableModels.WhyNot(MeterModels.ReferenceWater).ShouldBeNull();

    [Fact]
    public void WhyNotOnBench_WaterModel_SaysTheBenchReadsDlt645Only() =>
        RunnableModels.WhyNotOnBench(MeterModels.ReferenceWater).ShouldBe(
            "model pm-ref-water counts credit in m³ (a water meter): it speaks CJ/T 188, and the bench reads meters over DL/T 645 only; play it on the virtual target");

    [Fact]
    public void WhyNotOnBench_EnergyModel_IsNull() => RunnableModels.WhyNotOnBench(MeterModels.ReferenceEnergy).ShouldBeNull();
}
