using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Lab.Reports;

namespace PrepaidMeter.Lab.Tests.Scenarios;

/// <summary>The shipped library runs green on the virtual target, and between them its scenarios use every step kind.</summary>
public sealed class ScenarioLibraryTests
{
    public static TheoryData<string> Names() => [.. ScenarioLibrary.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ShippedScenario_OnVirtual_EveryExpectationHolds(string name)
    {
        var scenario = ScenarioLibrary.All.Single(s => s.Name == name);
        await using var target = new VirtualTarget();

        var result = await ScenarioRunner.RunAsync(scenario, target);

        result.Passed.ShouldBeTrue(string.Join(Environment.NewLine, JUnitReport.Failures(result)));
        result.Steps.Count.ShouldBe(scenario.Steps.Count);
        result.Steps.Sum(s => s.Checks.Count).ShouldBeGreaterThan(0, "a scenario that checks nothing proves nothing");
    }

    [Fact]
    public void Library_UsesEveryStepKind()
    {
        var used = ScenarioLibrary.All.SelectMany(s => s.Steps).Select(s => s.Kind).ToHashSet();

        Enum.GetValues<StepKind>().Where(k => !used.Contains(k)).ShouldBeEmpty();
    }

    [Fact]
    public void Library_CoversTheFieldStoriesTheIssueNames()
    {
        var names = ScenarioLibrary.All.Select(s => s.Name).ToHashSet();

        foreach (var story in new[]
                 {
                     "card-not-swiped", "sale-correction-before-swipe", "sale-correction-after-swipe", "reissue-after-swipe", "reissue-before-swipe",
                     "replayed-old-card", "foreign-group-card", "purchase-over-limit", "alarm2-trip-restore-by-card", "overdraft-and-payback",
                     "credit-exhausted-and-restored", "meter-change-with-preset", "clear-vs-zero-card", "power-cut-during-swipe",
                     "power-limit-lockout", "malignant-load", "scheduled-trip", "friendly-period", "emergency-credit", "demo-story",
                 })
        {
            names.ShouldContain(story);
        }
    }

    [Fact]
    public void Resolve_UnknownName_SaysHowToListTheShippedOnes()
    {
        ScenarioLibrary.Resolve("no-such-scenario").Errors.ShouldHaveSingleItem().ShouldContain("'prepaid lab list'");
    }
}
