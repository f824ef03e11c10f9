using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Lab.Tests.Running;

/// <summary>A scenario written inline in a test — its steps on pm-ref-energy — played on the virtual target.</summary>
internal static class InlineScenarios
{
    /// <param name="site">Members after the model's, with their leading comma (<c>, "site": { ... }</c>).</param>
    public static async Task<ScenarioResult> Run(string steps, string site = "")
    {
        var scenario = ScenarioParser.Parse($$"""{ "name": "t", "model": "pm-ref-energy"{{site}}, "steps": [ {{steps}} ] }""", "t.json").GetScenarioOrThrow();
        await using var target = new VirtualTarget();
        return await ScenarioRunner.RunAsync(scenario, target);
    }

    /// <summary>Every failed expectation, one a line: what a test prints when a scenario it expected to pass did not.</summary>
    public static string Failures(ScenarioResult result) => string.Join(Environment.NewLine, JUnitReport.Failures(result));
}
