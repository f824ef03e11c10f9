using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests;

public sealed class MeterDiagramsTests
{
    /// <summary>Set PREPAID_WRITE_DOCS=1 to regenerate the file after changing a machine.</summary>
    [Fact]
    public void MeterStatesDoc_IsGeneratedFromTheMachines()
    {
        var path = Path.Combine(RepoPaths.Root, "docs", "meter-states.md");
        var generated = MeterDiagrams.Markdown();
        if (Environment.GetEnvironmentVariable("PREPAID_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        generated.ShouldContain("stateDiagram-v2");
        generated.ShouldContain("Exhausted");
        File.ReadAllText(path).ShouldBe(generated, "docs/meter-states.md is stale: run the tests with PREPAID_WRITE_DOCS=1");
    }
}
