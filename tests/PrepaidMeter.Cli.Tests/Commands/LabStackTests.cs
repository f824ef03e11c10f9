using PrepaidMeter.Cli.Failures;
using PrepaidMeter.Lab.Reports;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using Xunit.Abstractions;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// DESIGN.md §8 invariant 6: the same scenario gives the same result on every target. Each shipped scenario
/// is played in process and on the stack — every meter a `prepaid meter run --lab` process, cards through
/// pcscd and vpcd, remote commands over DL/T 645 (CJ/T 188, a water or gas meter's valve) across socat, a water or gas
/// meter's flow and its parts' acts and a token meter's keypad over the lab channel — and every step must come out the same: what
/// happened, the refusal, the meter's result code, every check, the meter after it, the time, and the
/// credit-and-relay timeline. (pcscd, vsmartcard-vpcd and socat come with tools/test.sh.)
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class LabStackTests
{
    private static readonly StackTargetOptions Options = new(["dotnet", Path.Combine(AppContext.BaseDirectory, "prepaid.dll")]);

    // Every shipped scenario, the token ones too: their keys go to the meter device over the lab channel (docs/scenarios.md, "Keypad tokens on each target").
    public static TheoryData<string> Names() => [.. ScenarioLibrary.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ShippedScenario_OnStack_ComesOutAsOnVirtual(string name)
    {
        var scenario = ScenarioLibrary.All.Single(s => s.Name == name);
        ScenarioResult onVirtual, onStack;
        await using (var target = new VirtualTarget())
        {
            onVirtual = await ScenarioRunner.RunAsync(scenario, target);
        }

        // Each scenario takes vpcd's slots for itself and gives them back: a board shared by the class held them
        // between rows, and the tests that take the slots themselves (a board of their own, `lab run`) waited on it.
        await using (var target = StackTarget.Create(Options))
        {
            onStack = await ScenarioRunner.RunAsync(scenario, target);
        }

        onStack.Passed.ShouldBeTrue(string.Join(Environment.NewLine, JUnitReport.Failures(onStack)));
        onStack.Target.ShouldBe("stack");
        onStack.Steps.Select(Seen).ShouldBe(onVirtual.Steps.Select(Seen));
        onStack.Timeline.ShouldBe(onVirtual.Timeline);
    }

    [Fact]
    public async Task StackTarget_KeysAtACardOnlyMeter_NotPossibleAsInProcess()
    {
        var meter = Core.MeterNumber.From(12345678);
        await using var target = StackTarget.Create(Options);
        await target.InstallAsync(Meter.Models.MeterModels.ReferenceEnergy, meter, Core.SupplyGroupCode.From(100001), Testing.Some.Keys, Testing.Some.Moment, CancellationToken.None);

        var failure = await Should.ThrowAsync<StepNotPossibleException>(() => target.KeypadAsync(meter, "#", CancellationToken.None));

        failure.Message.ShouldBe("meter 000012345678 (pm-ref-energy) has no keypad");
    }

    [Fact]
    public async Task StackTarget_SameTokenTwiceOverTheLabChannel_AcceptedThenUsedAndTheTokenRegistersRead()
    {
        var meter = Core.MeterNumber.From(12345678);
        await using var target = StackTarget.Create(Options);
        var model = Meter.Models.MeterModels.Get("pm-sts-energy");
        await target.InstallAsync(model, meter, Core.SupplyGroupCode.From(100001), Testing.Some.Keys, Testing.Some.Moment, CancellationToken.None);
        var install = Meter.Tokens.TokenInstall.ForLab(model.Token!, meter);
        var token = new PrepaidMeter.Tokens.TokenCodec(install.Key.Cipher()).Encode(new PrepaidMeter.Tokens.Data.CreditToken(
            PrepaidMeter.Tokens.Data.CreditKind.Electricity, 0, new PrepaidMeter.Tokens.Data.TokenIdentifier(1000), PrepaidMeter.Tokens.Data.TransferAmount.RoundedUp(125)!.Value)).ToString();

        var first = await target.KeypadAsync(meter, token + "#", CancellationToken.None);
        var read = await target.ReadAsync(meter, CancellationToken.None);
        var again = await target.KeypadAsync(meter, token + "#", CancellationToken.None);

        first.ShouldHaveSingleItem().Response.ShouldBe(Meter.Tokens.TokenResponse.Accepted);
        again.ShouldHaveSingleItem().Response.ShouldBe(Meter.Tokens.TokenResponse.Used);
        read.Remaining.Hundredths.ShouldBe(1250);
        var sts = read.Token.ShouldNotBeNull("the lab channel's snapshot carries the token registers");
        (sts.TidsKept, sts.NewestTid, sts.Drn).ShouldBe((1, 1000, install.Identity.Drn));
    }

    [Fact]
    public async Task StackBoard_ScenariosOneAfterAnother_GetNewMetersInTheSameDevices()
    {
        var first = ScenarioLibrary.All.Single(s => s.Name == "card-not-swiped");
        var second = ScenarioLibrary.All.Single(s => s.Name == "legacy-money-tiered"); // another model, another layout
        await using var board = StackBoard.Create(Options);

        foreach (var scenario in (Scenario[])[first, second, first])
        {
            await using var target = new StackTarget(board);
            var result = await ScenarioRunner.RunAsync(scenario, target);
            result.Passed.ShouldBeTrue(string.Join(Environment.NewLine, JUnitReport.Failures(result)));
        }
    }

    [Fact]
    public async Task StackTarget_AfterAMeterChange_DescribesBothSlotsReadersSerialPairsAndDeviceProcesses()
    {
        var scenario = ScenarioLibrary.All.Single(s => s.Name == "meter-change-with-preset"); // two meters: both slots
        await using var target = StackTarget.Create(Options);
        var result = await ScenarioRunner.RunAsync(scenario, target);
        result.Passed.ShouldBeTrue(string.Join(Environment.NewLine, JUnitReport.Failures(result)));

        var parts = target.Describe().ToDictionary(p => p.Label);

        foreach (var slot in (int[])[0, 1])
        {
            parts[$"slot {slot} card reader"].Value.ShouldBe($"Virtual PCD 00 0{slot} (vpcd slot {slot})");
            parts[$"slot {slot} card reader"].RunSpecific.ShouldBeFalse();
            parts[$"slot {slot} meter link"].Value.ShouldBe("DL/T 645 at 9600 baud, 8 data bits, even parity, 1 stop bit, on a socat pseudo-terminal pair");
            var pair = parts[$"slot {slot} serial pair"];
            pair.RunSpecific.ShouldBeTrue();
            pair.Value.ShouldContain("ttyMeter → /dev/pts/");
            pair.Value.ShouldContain("ttyMaster → /dev/pts/");
            var device = parts[$"slot {slot} device process"];
            device.RunSpecific.ShouldBeTrue();
            device.Value.ShouldMatch($"^process [0-9]+: .*prepaid\\.dll meter run --meter .* --reader \"pcsc:Virtual PCD 00 0{slot}\" --serial .*ttyMeter --baud 9600 --lab$");
        }

        parts["pcscd"].RunSpecific.ShouldBeTrue();
        parts["pcscd"].Value.ShouldMatch(@"^(process [0-9]+, socket \S+|socket \S+ \(no pid in \S+\))$", "pcscd's pid file ends in a newline and a NUL");
        parts["NVRAM folder"].RunSpecific.ShouldBeTrue();
    }

    [Fact]
    public async Task Certify_KeypadOnlyModelOnStack_EveryTokenClausePassesThroughTheLabChannel()
    {
        using var folder = new Testing.TempFolder();

        var (exit, output, error) = await Prepaid.RunAsync("certify", "--model", "pm-sts-energy", "--target", "stack", "--out", folder.File("out"));

        exit.ShouldBe(ExitCodes.Success, error);
        output.ShouldContain("Model pm-sts-energy on stack: certified, all 17 clauses pass");
    }

    [Fact]
    public async Task LabRun_TargetStack_PlaysThroughTheRealStacks()
    {
        var (exit, output, error) = await Prepaid.RunAsync("lab", "run", "remote-commands", "--target", "stack");

        exit.ShouldBe(ExitCodes.Success, error);
        output.ShouldContain("│ stack ");
        output.ShouldContain("every expectation held");
    }

    // A write cut short at the counter: the in-memory reader knows how many bytes landed, a reader through pcscd cannot
    // (the card left without answering); the rest of the story is the same.
    /// <summary>
    /// A step as both targets must agree on it. A token the back office sells (sellToken) carries a random number (RND, drawn
    /// for each token), so its 20 digits differ from run to run on any target, and later steps that type it in say them again:
    /// every token's digits are left out (the lab's own tokens too), and what the meter answered to each must agree.
    /// </summary>
    private static string Seen(StepResult step) => SoldToken().Replace(TornWriteWording().Replace(
        $"{step.Step.Number} {step.Summary} | {step.Problem} | {step.Refusal} | {step.MeterResult} | {step.Meter} | {step.At:O} | "
        + string.Join("; ", step.Checks.Select(c => $"{c.What}={c.Expected}/{c.Actual}")),
        "(TornWrite: …) and the card could not be put back"), "(a sold token)");

    [System.Text.RegularExpressions.GeneratedRegex(@"\(TornWrite: .*?\) and the card could not be put back")]
    private static partial System.Text.RegularExpressions.Regex TornWriteWording();

    /// <summary>A token's 20 digits as a step says them: 4-4-4-4-4 with spaces (a receipt) or dashes (typed in).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}([ -])\d{4}\1\d{4}\1\d{4}\1\d{4}")]
    private static partial System.Text.RegularExpressions.Regex SoldToken();
}
