using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Lab.Tests.Running;

/// <summary>A scenario written inline in a test — its steps on pm-ref-energy, or the model given — played on the virtual target.</summary>
internal static class InlineScenarios
{
    /// <param name="site">Members after the model's, with their leading comma (<c>, "site": { ... }</c>).</param>
    public static async Task<ScenarioResult> Run(string steps, string site = "", string model = "pm-ref-energy")
    {
        var scenario = ScenarioParser.Parse($$"""{ "name": "t", "model": "{{model}}"{{site}}, "steps": [ {{steps}} ] }""", "t.json").GetScenarioOrThrow();
        await using var target = new VirtualTarget();
        return await ScenarioRunner.RunAsync(scenario, target);
    }

    /// <summary>Every failed expectation, one a line: what a test prints when a scenario it expected to pass did not.</summary>
    public static string Failures(ScenarioResult result) => string.Join(Environment.NewLine, JUnitReport.Failures(result));
}
