using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Cli.Tests.Bench;

/// <summary>
/// The bench target through the real stacks — the counter's reader through pcscd, the meter's link over a
/// serial pair — with a scripted operator and a meter device as the bench (see <see cref="ScriptedBenchOperator"/>).
/// </summary>
public sealed class BenchTargetTests
{
    private const string ShortStory = """
        {
          "name": "bench-short-story",
          "description": "What a bench can play: sales, swipes, a few seconds under load, remote commands, the supply switched, a foreign card.",
          "model": "pm-ref-energy",
          "steps": [
            { "do": "openAccount", "energy": "50", "expect": { "receipts": 1, "cardPurchaseCount": 1 } },
            { "do": "sell", "energy": "10", "expect": { "refused": "cardNotSwiped" } },
            { "do": "swipe", "expect": { "result": "loaded", "remaining": "60.00", "purchaseCount": 1, "cardLoadedCount": 1, "cardRemaining": "60.00", "relay": "closed" } },
            { "do": "consume", "load": "2kW", "for": "2s", "expect": { "relay": "closed" } },
            { "do": "remote", "command": "trip", "expect": { "relay": "open" } },
            { "do": "remote", "command": "directClose", "expect": { "relay": "closed" } },
            { "do": "cutPower" },
            { "do": "remote", "command": "trip", "note": "a meter without supply does not answer", "expect": { "relay": "closed" } },
            { "do": "restorePower", "expect": { "remaining": "60.00", "purchaseCount": 1 } },
            { "do": "sell", "energy": "10", "expect": { "receipts": 2, "cardPurchaseCount": 2 } },
            { "do": "foreignCard", "note": "its MAC fails before its group is read", "expect": { "result": "badCard", "remaining": "60.00" } },
            { "do": "swipe", "expect": { "result": "loaded", "remaining": "70.00", "purchaseCount": 2, "cardLoadedCount": 2 } }
          ]
        }
        """;

    private const string BeyondTheBench = """
        {
          "name": "beyond-the-bench",
          "description": "What a bench cannot see or do.",
          "model": "pm-ref-energy",
          "steps": [
            { "do": "openAccount", "energy": "50" },
            { "do": "swipe", "expect": { "result": "loaded", "creditState": "normal", "events": ["cardInserted"] } },
            { "do": "consume", "load": "1kW", "for": "30d" },
            { "do": "sell", "energy": "10" },
            { "do": "swipe", "cut": "beforeCommit" },
            { "do": "swipe", "expect": { "result": "loaded", "remaining": "70.00" } },
            { "do": "swipe", "cut": "duringCardWrite", "afterBytes": 6 },
            { "do": "swipe", "cardFault": "answer", "apdu": 3, "sw": "6F00" }
          ]
        }
        """;

    [Fact]
    public async Task Bench_ShortStory_ComesOutAsOnVirtual()
    {
        var scenario = Parse(ShortStory);
        var (onVirtual, onBench) = await OnVirtualAndBench(scenario);

        onVirtual.Passed.ShouldBeTrue(string.Join(Environment.NewLine, JUnitReport.Failures(onVirtual)));
        onBench.Passed.ShouldBeTrue(string.Join(Environment.NewLine, JUnitReport.Failures(onBench)));
        onBench.Target.ShouldBe("bench");
        onBench.Steps.Select(Seen).ShouldBe(onVirtual.Steps.Select(Seen));
    }

    private const string TokenStory = """
        {
          "name": "bench-token-story",
          "description": "A keypad meter on the bench: tokens typed by the operator, the display read back.",
          "model": "pm-sts-energy",
          "steps": [
            { "do": "enterToken", "energy": "50", "as": "fifty", "expect": { "token": "accepted", "display": "Accept", "remaining": "50.00" } },
            { "do": "enterToken", "token": "fifty", "expect": { "token": "used", "display": "Used", "remaining": "50.00" } },
            { "do": "enterToken", "energy": "10", "mistype": 3, "expect": { "token": "reject", "remainingChange": "0" } },
            { "do": "enterToken", "energy": "10", "backspace": true, "expect": { "token": "accepted", "remainingChange": "10.00" } },
            { "do": "cutPower" },
            { "do": "enterToken", "energy": "5", "expect": { "token": "powerOff", "display": "" } },
            { "do": "restorePower", "expect": { "remaining": "60.00" } },
            { "do": "enterToken", "keys": "12#", "expect": { "token": "reject", "tidsKept": 2 } }
          ]
        }
        """;

    [Fact]
    public async Task Bench_TokenStory_TypedByTheOperator_ComesOutAsOnVirtualButTheTokenRegistersUnseen()
    {
        var scenario = Parse(TokenStory);
        var (onVirtual, onBench) = await OnVirtualAndBench(scenario);

        onVirtual.Passed.ShouldBeTrue(string.Join(Environment.NewLine, JUnitReport.Failures(onVirtual)));
        onBench.Steps.SelectMany(s => s.Checks).Where(c => !c.Observed).Select(c => c.ToString())
            .ShouldBe(["tidsKept: expected 2, not observable on the bench target"]);
        onBench.Steps.SelectMany(s => s.Checks).Where(c => c.Observed).ShouldAllBe(c => c.Passed);
        onBench.Steps.Select(s => SeenBut(s, "tidsKept")).ShouldBe(onVirtual.Steps.Select(s => SeenBut(s, "tidsKept")));
    }

    [Fact]
    public async Task Bench_UnseenFactsAndUndoableSteps_ReportedAndTheRunGoesOn()
    {
        await using var bench = await ScriptedBenchOperator.StartAsync();
        await using var target = BenchTarget.Open(bench.Options, bench);

        var result = await ScenarioRunner.RunAsync(Parse(BeyondTheBench), target);

        result.Passed.ShouldBeFalse();
        result.Steps.Count.ShouldBe(8);
        var swipe = result.Steps[1];
        swipe.Checks.Single(c => c.What == "result").Passed.ShouldBeTrue();
        var unseen = swipe.Checks.Where(c => !c.Observed).Select(c => c.ToString()).ToList();
        unseen.ShouldBe(["creditState: expected normal, not observable on the bench target", "event cardInserted: expected logged, not observable on the bench target"]);
        result.Steps[2].Problem.ShouldBe("not possible on the bench target: 30d takes that long in real time there (it plays at most 15m a step); shorten the step or play it on the virtual or stack target");
        result.Steps[4].Problem.ShouldNotBeNull().ShouldContain("cannot be timed by hand");
        result.Steps[5].Passed.ShouldBeTrue(string.Join("; ", result.Steps[5].Checks));
        result.Steps[6].Problem.ShouldBe("not possible on the bench target: a power cut DuringCardWrite(6) inside the meter's card handling cannot be timed by hand; play this step on the virtual or stack target");
        result.Steps[7].Problem.ShouldBe("not possible on the bench target: the bench's card is a physical card: it cannot be made to misbehave on demand (answers 6F00 to APDU 3); play this step on the virtual or stack target");
    }

    [Fact]
    public async Task Bench_MeterOnTheLinkIsNotTheScenarios_StopsWithWhy()
    {
        await using var bench = await ScriptedBenchOperator.StartAsync(fitsMeters: false);
        await using var target = BenchTarget.Open(bench.Options, bench);

        var failure = await Should.ThrowAsync<LabTargetException>(() => ScenarioRunner.RunAsync(Parse(ShortStory), target));

        failure.Message.ShouldContain("no meter answers as");
        failure.Message.ShouldContain("is it fitted, powered and wired?");
    }

    [Fact]
    public async Task Bench_Describe_NamesTheConfiguredReadersAndTheMetersPortWithItsSettings()
    {
        await using var bench = await ScriptedBenchOperator.StartAsync();
        var options = bench.Options;
        await using var target = BenchTarget.Open(options, bench);

        var parts = target.Describe();

        parts.Single(p => p.Label == "counter's card reader").Value.ShouldStartWith($"{options.CounterReader} (PC/SC");
        parts.Single(p => p.Label == "meter's card reader").Value.ShouldContain("the meter's own card slot");
        parts.Single(p => p.Label == "meter link").Value.ShouldStartWith($"{options.SerialPort}: DL/T 645 at 9600 baud, 8 data bits, even parity, 1 stop bit; 2 tries of 500 ms each");
        parts.Single(p => p.Label == "longest real-time step").Value.ShouldBe("15m");
        parts.ShouldAllBe(p => !p.RunSpecific, "a bench's reader and port are what the command line gave: inputs, not this run's");
        parts.ShouldNotContain(p => p.Value.Contains(options.ControlPassword));
    }

    private static Scenario Parse(string json)
    {
        var loaded = ScenarioParser.Parse(json, "bench.json");
        loaded.Success.ShouldBeTrue(string.Join("; ", loaded.Errors));
        return loaded.Scenario!;
    }

    /// <summary>As <see cref="Seen"/>, without the checks of <paramref name="unseen"/> (what the bench cannot read).</summary>
    private static string SeenBut(StepResult step, string unseen) =>
        $"{step.Step.Number} | {step.Problem} | {step.Refusal} | {step.Meter.Remaining} {step.Meter.Relay} | "
        + string.Join("; ", step.Checks.Where(c => c.What != unseen).Select(c => $"{c.What}={c.Expected}/{c.Actual}"));

    /// <summary>What a step came to, less the words describing how the card got there.</summary>
    private static string Seen(StepResult step) =>
        $"{step.Step.Number} | {step.Problem} | {step.Refusal} | {step.MeterResult} | {step.Meter.Remaining} {step.Meter.Relay} {step.Meter.PurchaseCount} | "
        + string.Join("; ", step.Checks.Select(c => $"{c.What}={c.Expected}/{c.Actual}"));

    /// <summary>The scenario played on the virtual target, then on a bench whose operator a script plays.</summary>
    private static async Task<(ScenarioResult OnVirtual, ScenarioResult OnBench)> OnVirtualAndBench(Scenario scenario)
    {
        ScenarioResult onVirtual;
        await using (var target = new VirtualTarget())
        {
            onVirtual = await ScenarioRunner.RunAsync(scenario, target);
        }

        await using var bench = await ScriptedBenchOperator.StartAsync();
        await using var onTheBench = BenchTarget.Open(bench.Options, bench);
        return (onVirtual, await ScenarioRunner.RunAsync(scenario, onTheBench));
    }
}
