using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Lab.Tests.Running;

/// <summary>
/// Scenarios played one after another, each on a target of its own, with their progress heard as they go: how `prepaid lab run`
/// and the web console's lab play a run.
/// </summary>
public sealed class ScenarioBatchTests
{
    [Fact]
    public async Task PlayAsync_TwoScenarios_EachOnANewTarget_HeardBeforeAndAfterInOrder()
    {
        Scenario[] scenarios = [Shipped("foreign-group-card"), Shipped("purchase-over-limit")];
        var heard = new List<string>();
        var targets = 0;

        var results = await ScenarioBatch.PlayAsync(scenarios, () =>
        {
            targets++;
            return new VirtualTarget();
        }, starting: s => heard.Add("start " + s.Name), played: r => heard.Add("played " + r.Scenario.Name));

        results.Select(r => r.Scenario.Name).ShouldBe(["foreign-group-card", "purchase-over-limit"]);
        results.ShouldAllBe(r => r.Passed);
        targets.ShouldBe(2);
        heard.ShouldBe(["start foreign-group-card", "played foreign-group-card", "start purchase-over-limit", "played purchase-over-limit"]);
    }

    private static Scenario Shipped(string name) => ScenarioLibrary.All.Single(s => s.Name == name);
}
