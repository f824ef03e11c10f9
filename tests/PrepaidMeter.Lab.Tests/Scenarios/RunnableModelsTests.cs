using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Tests.Scenarios;

/// <summary>A bench, reading DL/T 645 only, refuses a volume model by name; every model runs on virtual and stack.</summary>
public sealed class RunnableModelsTests
{
    [Fact]
    public void WhyNotOnBench_WaterModel_SaysTheBenchReadsDlt645Only() =>
        RunnableModels.WhyNotOnBench(MeterModels.ReferenceWater).ShouldBe(
            "model pm-ref-water counts credit in m³ (a water meter): it speaks CJ/T 188, and the bench reads meters over DL/T 645 only; play it on the virtual or stack target");

    [Fact]
    public void WhyNotOnBench_EnergyModel_IsNull() => RunnableModels.WhyNotOnBench(MeterModels.ReferenceEnergy).ShouldBeNull();
}
