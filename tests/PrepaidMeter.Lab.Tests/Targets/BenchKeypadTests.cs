using PrepaidMeter.Core;
using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.Tokens;

namespace PrepaidMeter.Lab.Tests.Targets;

/// <summary>
/// Token steps on the bench target: the operator is told the keys to type at the meter's keypad and says what its display
/// showed (docs/scenarios.md, "Keypad tokens on each target"). The bench is a desk bench (<see cref="DeskBench"/>).
/// </summary>
public sealed class BenchKeypadTests
{
    private static readonly MeterNumber Meter = MeterNumber.From(12345678);

    private const string TokenStory = """
        {
          "name": "bench-token-story",
          "model": "pm-sts-energy",
          "start": "2026-01-05T08:00:00Z",
          "steps": [
            { "do": "enterToken", "energy": "50", "as": "fifty", "expect": { "token": "accepted", "display": "Accept", "remaining": "50.00" } },
            { "do": "enterToken", "token": "fifty", "expect": { "token": "used", "display": "Used", "remaining": "50.00" } },
            { "do": "enterToken", "energy": "10", "mistype": 7, "expect": { "token": "reject", "remainingChange": "0" } },
            { "do": "enterToken", "energy": "10", "backspace": true, "expect": { "token": "accepted", "remainingChange": "10.00" } },
            { "do": "enterToken", "energy": "10", "forMeter": "12345679", "expect": { "token": "reject", "remainingChange": "0" } },
            { "do": "enterToken", "test": "0", "expect": { "token": "tested", "display": "Test" } },
            { "do": "enterToken", "keys": "1234#5678#", "expect": { "tokens": ["reject", "reject"] } },
            { "do": "enterToken", "energy": "1", "expect": { "token": "lockedOut", "display": "Locked", "remainingChange": "0", "tidsKept": 2 } }
          ]
        }
        """;

    [Fact]
    public async Task TokenStory_OnTheBench_ComesOutAsOnVirtualButTheTokenRegistersUnseen()
    {
        var scenario = ScenarioParser.Parse(TokenStory, "bench-token-story.json").GetScenarioOrThrow();
        ScenarioResult onVirtual;
        await using (var target = new VirtualTarget())
        {
            onVirtual = await ScenarioRunner.RunAsync(scenario, target);
        }

        var person = new DeskBench();
        ScenarioResult onBench;
        await using (var target = DeskBench.Target(person))
        {
            onBench = await ScenarioRunner.RunAsync(scenario, target);
        }

        onVirtual.Passed.ShouldBeTrue(string.Join(Environment.NewLine, JUnitReport.Failures(onVirtual)));
        var unseen = onBench.Steps.SelectMany(s => s.Checks).Where(c => !c.Observed).Select(c => c.ToString()).ShouldHaveSingleItem();
        unseen.ShouldBe("tidsKept: expected 2, not observable on the bench target");
        onBench.Steps.SelectMany(s => s.Checks).Where(c => c.Observed).ShouldAllBe(c => c.Passed);
        onBench.Steps.Select(s => s.Problem).ShouldAllBe(p => p == null);
        onBench.Steps.Select(Seen).ShouldBe(onVirtual.Steps.Select(Seen));
        person.Told.OfType<TypeKeys>().Count().ShouldBe(9, "one instruction per enter");
    }

    [Fact]
    public async Task KeypadAsync_TwoEntries_TellsEachAsTypedAndTakesTheDisplaysTheOperatorRead()
    {
        var person = new DeskBench();
        person.Answers.Enqueue("key exp");
        person.Answers.Enqueue("15");
        await using var target = await FittedAsync(person);

        var outcomes = await target.KeypadAsync(Meter, "1234-5678-9012-3456-7890 # 12b3<4E", CancellationToken.None);

        outcomes.Select(o => (o.Response, o.Display, o.Detail)).ShouldBe([
            (TokenResponse.KeyExpired, "Key Exp", "as the operator read the meter's display"),
            (TokenResponse.PowerOff, "", "as the operator read the meter's display")]);
        person.Told.OfType<TypeKeys>().Select(t => (t.Keys, t.Text, t.Confirm)).ShouldBe([
            ("12345678901234567890#", "At meter 000012345678's keypad type the token 1234 5678 9012 3456 7890 and press Enter", false),
            ("12B3B4#", "At meter 000012345678's keypad press, in this order: 12, Backspace, 3, Backspace, 4, Enter", false)]);
    }

    [Fact]
    public async Task KeypadAsync_KeysAfterTheLastEnter_AreNotAskedFor()
    {
        var person = new DeskBench();
        await using var target = await FittedAsync(person);

        var outcomes = await target.KeypadAsync(Meter, "#1234", CancellationToken.None);

        outcomes.ShouldHaveSingleItem().Response.ShouldBe(TokenResponse.Reject);
        person.Told.OfType<TypeKeys>().ShouldHaveSingleItem().Text.ShouldBe("At meter 000012345678's keypad press Enter with nothing typed");
    }

    [Fact]
    public async Task KeypadAsync_AReadingTheOperatorCannotGive_StopsTheStepWithWhy()
    {
        var person = new DeskBench();
        person.Answers.Enqueue("accepted-ish");
        await using var target = await FittedAsync(person);

        var failure = await Should.ThrowAsync<LabTargetException>(() => target.KeypadAsync(Meter, "#", CancellationToken.None));

        failure.Message.ShouldBe("'accepted-ish' is no display");
    }

    [Fact]
    public async Task KeypadAsync_AtACardOnlyMeter_NotPossibleAndNothingTold()
    {
        var person = new DeskBench();
        await using var target = DeskBench.Target(person);
        await target.InstallAsync(MeterModels.ReferenceEnergy, Meter, SupplyGroupCode.From(100001), Testing.Some.Keys, Testing.Some.Moment, CancellationToken.None);

        var failure = await Should.ThrowAsync<StepNotPossibleException>(() => target.KeypadAsync(Meter, "#", CancellationToken.None));

        failure.Message.ShouldBe("meter 000012345678 (pm-ref-energy) has no keypad");
        person.Told.OfType<TypeKeys>().ShouldBeEmpty();
    }

    [Fact]
    public async Task FitMeter_OfATokenModel_NamesTheStsInstallTheLabVendsFor()
    {
        var person = new DeskBench();
        await using var target = await FittedAsync(person);
        var install = TokenInstall.ForLab(MeterModels.Get("pm-sts-energy").Token!, Meter);

        var fit = person.Told.OfType<FitMeter>().ShouldHaveSingleItem();

        fit.Text.ShouldContain($"an STS meter with DRN {install.Identity.Drn}, IIN {install.Identity.Iin}, SGC ");
        fit.Text.ShouldContain($"and the lab's decoder key {install.Key.ToHex()} (EA07)");
    }

    /// <summary>A pm-sts-energy meter fitted on the desk bench (the bench fits a meter when it first reads it).</summary>
    private static async Task<BenchTarget> FittedAsync(DeskBench person)
    {
        var target = DeskBench.Target(person);
        await target.InstallAsync(MeterModels.Get("pm-sts-energy"), Meter, SupplyGroupCode.From(100001), Testing.Some.Keys, Testing.Some.Moment, CancellationToken.None);
        await target.ReadAsync(Meter, CancellationToken.None);
        return target;
    }

    /// <summary>What a step came to as the bench can tell it: the token checks and the credit (not the STS registers), not the words of how.</summary>
    private static string Seen(StepResult step) =>
        $"{step.Step.Number} | {step.Problem} | {step.Meter.Remaining} | " + string.Join("; ", step.Checks.Where(c => c.What != "tidsKept").Select(c => $"{c.What}={c.Expected}/{c.Actual}"));
}
