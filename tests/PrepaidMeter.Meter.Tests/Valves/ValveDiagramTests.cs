using PrepaidMeter.Meter.Valves;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Meter.Tests.Valves;

public sealed class ValveDiagramTests
{
    private const string Begin = "<!-- generated: MotorisedValve.Diagram() -->\n```mermaid\n";
    private const string End = "\n```\n<!-- end generated -->";

    /// <summary>Set PREPAID_WRITE_DOCS=1 to regenerate the diagram in docs/valves.md after changing the machine.</summary>
    [Fact]
    public void ValvesDoc_DiagramIsGeneratedFromTheMachine()
    {
        var path = Path.Combine(RepoPaths.Root, "docs", "valves.md");
        var diagram = MotorisedValve.Diagram();
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var begin = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        begin.ShouldBeGreaterThanOrEqualTo(0, "docs/valves.md has no generated diagram block");
        end.ShouldBeGreaterThan(begin);
        if (Environment.GetEnvironmentVariable("PREPAID_WRITE_DOCS") == "1")
        {
            text = string.Concat(text.AsSpan(0, begin + Begin.Length), diagram, text.AsSpan(end));
            File.WriteAllText(path, text);
            end = text.IndexOf(End, StringComparison.Ordinal);
        }

        diagram.ShouldContain("stateDiagram-v2");
        diagram.ShouldContain("StuckOpen");
        text[(begin + Begin.Length)..end].ShouldBe(diagram, "docs/valves.md's diagram is stale: run the tests with PREPAID_WRITE_DOCS=1");
    }
}
