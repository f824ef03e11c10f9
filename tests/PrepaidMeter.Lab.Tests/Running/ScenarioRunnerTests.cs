using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;

using static PrepaidMeter.Lab.Tests.Running.InlineScenarios;

namespace PrepaidMeter.Lab.Tests.Running;

public sealed class ScenarioRunnerTests
{
    [Fact]
    public async Task Run_ExpectationThatDoesNotHold_FailsThatStepWithBothValues()
    {
        var result = await Run("""{ "do": "openAccount", "energy": "50" }, { "do": "swipe", "expect": { "remaining": "61.00", "result": "loaded" } }""");

        result.Passed.ShouldBeFalse();
        var failed = result.Failures.ShouldHaveSingleItem();
        failed.Step.Number.ShouldBe(2);
        failed.Checks.Single(c => !c.Passed).ToString().ShouldBe("remaining: expected 61.00, got 60.00");
        failed.Checks.Single(c => c.Passed).What.ShouldBe("result");
    }

    [Fact]
    public async Task Run_CardAndTakingsExpectations_AreCheckedAgainstTheCardAndTheBooks()
    {
        var result = await Run("""
            { "do": "openAccount", "energy": "50", "expect": { "cardSerial": 2, "sold": "50.00", "collected": "25.00" } },
            { "do": "swipe", "expect": { "cardMeter": "12345678", "cardStatus": ["purchaseLoaded"], "cardCumulativeEnergy": "0" } },
            { "do": "sell", "money": "5", "expect": { "sold": "60.00", "collected": "30.00", "receipts": 2 } },
            { "do": "sell", "energy": "1", "expect": { "refused": "cardNotSwiped", "sold": "60.00" } }
            """);

        result.Passed.ShouldBeTrue(string.Join(Environment.NewLine, JUnitReport.Failures(result)));
        result.Steps.SelectMany(s => s.Checks).Select(c => c.What).ShouldBe(
            ["cardSerial", "sold", "collected", "cardMeter", "cardCumulativeEnergy", "cardStatus", "receipts", "sold", "collected", "refused", "sold"], ignoreOrder: true);
    }

    [Fact]
    public async Task Run_CardStatusThatDiffers_FailsNamingBothSets()
    {
        var result = await Run("""{ "do": "openAccount", "energy": "50" }, { "do": "swipe", "expect": { "cardStatus": ["relayOpen", "lowCredit"] } }""");

        result.Failures.ShouldHaveSingleItem().Checks.ShouldHaveSingleItem().ToString().ShouldBe("cardStatus: expected relayOpen, lowCredit, got purchaseLoaded");
    }

    [Fact]
    public async Task Run_UnexpectedRefusal_FailsTheStepAndTheRunGoesOn()
    {
        var result = await Run("""{ "do": "openAccount", "energy": "50" }, { "do": "sell", "energy": "10" }, { "do": "swipe", "expect": { "result": "loaded" } }""");

        var failed = result.Failures.ShouldHaveSingleItem();
        failed.Step.Number.ShouldBe(2);
        failed.Problem.ShouldStartWith("refused (cardNotSwiped): card not swiped");
        result.Steps[2].Passed.ShouldBeTrue();
    }

    [Fact]
    public async Task Run_ExpectedRefusalThatDoesNotHappen_Fails()
    {
        var result = await Run("""{ "do": "openAccount", "energy": "50" }, { "do": "swipe" }, { "do": "sell", "energy": "10", "expect": { "refused": "cardNotSwiped" } }""");

        result.Failures.ShouldHaveSingleItem().Checks.ShouldHaveSingleItem().ToString().ShouldBe("refused: expected cardNotSwiped, got not refused");
    }

    [Fact]
    public async Task Run_StepThatCannotBeDone_SaysWhy()
    {
        // (A step before any account is refused when the file loads: ScenarioParserTests.)
        var result = await Run("""{ "do": "openAccount", "energy": "5" }, { "do": "loseCard" }, { "do": "swipe" }""");

        result.Steps[2].Problem.ShouldBe("no user card in hand (it was lost): reissue one first");
        result.Steps[0].Passed.ShouldBeTrue();
    }

    [Fact]
    public async Task Run_SiteTheBackOfficeRefuses_IsAProblemOfTheRun()
    {
        var result = await Run("""{ "do": "advance", "for": "1h" }""", """, "site": { "price": { "kind": "flat", "price": "-1" } }""");

        result.Passed.ShouldBeFalse();
        result.Problem.ShouldStartWith("t.json: the site set-up was refused:");
        JUnitReport.Failures(result).First().ShouldBe(result.Problem);
    }

    [Fact]
    public async Task Run_Consumption_IsSampledForTheChartAndTimeMovesForTheBackOffice()
    {
        var result = await Run("""{ "do": "openAccount", "energy": "50" }, { "do": "swipe" }, { "do": "consume", "load": "1kW", "for": "10h" }, { "do": "sell", "energy": "10" }""");

        result.Passed.ShouldBeTrue();
        result.Timeline.Count.ShouldBeGreaterThanOrEqualTo(14);
        result.Timeline[^1].Remaining.ShouldBe(5_000);
        result.Steps[3].At.ShouldBe(ScenarioParser.DefaultStart.AddHours(10));
    }

    [Fact]
    public async Task Run_SameScenarioTwice_GivesTheSameSteps()
    {
        var story = ScenarioLibrary.All.Single(s => s.Name == "demo-story");
        await using var first = new VirtualTarget();
        await using var second = new VirtualTarget();

        var a = await ScenarioRunner.RunAsync(story, first);
        var b = await ScenarioRunner.RunAsync(story, second);

        b.Steps.Select(s => (s.Summary, s.Meter, s.At)).ShouldBe(a.Steps.Select(s => (s.Summary, s.Meter, s.At)));
        b.Timeline.ShouldBe(a.Timeline);
    }
}
