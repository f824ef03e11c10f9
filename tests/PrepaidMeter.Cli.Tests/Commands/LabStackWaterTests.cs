using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Valves;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Cli.Tests.Commands;

/// <summary>
/// A water meter on the stack (issue 25): a `prepaid meter run --lab` device that answers CJ/T 188 on its socat line, its
/// flow and a person's acts at its parts carried over the lab channel. Through the target seam it comes out as the
/// in-process meter does — the same events, the same registers, valve, battery and tamper latch.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class LabStackWaterTests
{
    private static readonly StackTargetOptions Options = new(["dotnet", Path.Combine(AppContext.BaseDirectory, "prepaid.dll")]);
    private static readonly MeterNumber Meter = MeterNumber.From(777);
    private static readonly SupplyGroupCode Group = SupplyGroupCode.From(200002);

    [Fact]
    public async Task WaterMeter_OnStack_DrawsTheFlowAndTakesTheMagnet_AsOnVirtual()
    {
        IReadOnlyList<string> onVirtual, onStack;
        await using (var target = new VirtualTarget())
        {
            onVirtual = await PlayAsync(target);
        }

        await using (var target = StackTarget.Create(Options))
        {
            onStack = await PlayAsync(target);
            target.Describe().Single(p => p.Label == "slot 1 meter link").Value.ShouldStartWith("CJ/T 188 at 9600 baud");
        }

        onStack.ShouldBe(onVirtual);
        onStack[^1].ShouldContain("latched Magnet");
    }

    /// <summary>Valve control over CJ/T 188 on the stack answers as the virtual target does: taken, refused without power, the clock after it.</summary>
    [Fact]
    public async Task WaterMeter_OnStack_ValveControl_AsOnVirtual()
    {
        static async Task<IReadOnlyList<string>> Play(ILabTarget target)
        {
            var seen = new List<string>();
            async Task Remote(RemoteCommand command)
            {
                var done = await target.RemoteAsync(Meter, command, CancellationToken.None);
                var after = await target.ReadAsync(Meter, CancellationToken.None);
                seen.Add($"{command}: {done} | {after.Clock:O} {after.Relay} {after.OpenReasons} valve {after.Flow!.Valve} runs {after.Flow.ValveMotorRuns}");
            }

            await target.InstallAsync(MeterModels.ReferenceWater, Meter, Group, Some.Keys, Some.Moment, CancellationToken.None);
            await Remote(RemoteCommand.Trip);
            await Remote(RemoteCommand.Trip);
            await Remote(RemoteCommand.DirectClose);
            await target.CutPowerAsync(Meter, CancellationToken.None);
            await Remote(RemoteCommand.Trip);
            await target.RestorePowerAsync(Meter, CancellationToken.None);
            await Remote(RemoteCommand.Trip);
            return seen;
        }

        IReadOnlyList<string> onVirtual, onStack;
        await using (var target = new VirtualTarget())
        {
            onVirtual = await Play(target);
        }

        await using (var target = StackTarget.Create(Options))
        {
            onStack = await Play(target);
        }

        onStack.ShouldBe(onVirtual);
        onStack[0].ShouldStartWith("Trip: True");
        onStack[3].ShouldStartWith("Trip: False", customMessage: "a meter without power moves no valve");
    }

    /// <summary>A trip over CJ/T 188 closes the valve: the device's slave answers once the valve has travelled.</summary>
    [Fact]
    public async Task WaterMeter_OnStack_TripOverCjt188_ClosesTheValve()
    {
        await using var target = StackTarget.Create(Options);
        await target.InstallAsync(MeterModels.ReferenceWater, Meter, Group, Some.Keys, Some.Moment, CancellationToken.None);
        (await target.ReadAsync(Meter, CancellationToken.None)).Flow!.Valve.ShouldBe(ValvePosition.Open);

        var done = await target.RemoteAsync(Meter, RemoteCommand.Trip, CancellationToken.None);

        done.ShouldBeTrue();
        var after = await target.ReadAsync(Meter, CancellationToken.None);
        after.Flow!.Valve.ShouldBe(ValvePosition.Closed);
        (await target.FlowAsync(Meter, TimeSteps.Whole(TimeSpan.FromHours(1)), FlowProfile.Constant(500), CancellationToken.None)).Events.ShouldBeEmpty();
        (await target.ReadAsync(Meter, CancellationToken.None)).Flow!.CumulativeVolume.ShouldBe(after.Flow.CumulativeVolume, "nothing passes a closed valve");
    }

    /// <summary>A device speaks one protocol for its life: after an electricity scenario the board starts a CJ/T 188 device for the water meter, and back.</summary>
    [Fact]
    public async Task StackBoard_ElectricityThenWaterThenElectricity_EachMeterGetsADeviceThatSpeaksItsProtocol()
    {
        var electricity = Lab.Scenarios.ScenarioLibrary.All.Single(s => s.Name == "card-not-swiped");
        await using var board = StackBoard.Create(Options);
        await using (var first = new StackTarget(board))
        {
            (await Lab.Running.ScenarioRunner.RunAsync(electricity, first)).Passed.ShouldBeTrue();
        }

        await using (var water = new StackTarget(board))
        {
            await water.InstallAsync(MeterModels.ReferenceWater, Meter, Group, Some.Keys, Some.Moment, CancellationToken.None);
            await water.FlowAsync(Meter, TimeSteps.Whole(TimeSpan.FromHours(1)), FlowProfile.Constant(120), CancellationToken.None);
            (await water.ReadAsync(Meter, CancellationToken.None)).Flow!.CumulativeVolume.ShouldBe(Volume.FromCubicMetres(0.12m));
            board.Devices.Single(d => d.Slot == 1).Protocol.ShouldBe("CJ/T 188");
        }

        await using (var again = new StackTarget(board))
        {
            (await Lab.Running.ScenarioRunner.RunAsync(electricity, again)).Passed.ShouldBeTrue();
            board.Devices.Single(d => d.Slot == 1).Protocol.ShouldBe("DL/T 645");
        }
    }

    [Fact]
    public async Task WaterMeter_OnStack_RemoteCjt188HasNoWordFor_StepNotPossible()
    {
        await using var target = StackTarget.Create(Options);
        await target.InstallAsync(MeterModels.ReferenceWater, Meter, Group, Some.Keys, Some.Moment, CancellationToken.None);

        var refused = await Should.ThrowAsync<StepNotPossibleException>(() => target.RemoteAsync(Meter, RemoteCommand.AlarmOn, CancellationToken.None));

        refused.Message.ShouldBe("CJ/T 188 controls a water meter's valve only: it has no AlarmOn");
    }

    /// <summary>Five hours of the household curve, a magnet on and off, three hours of a leak-sized flow: each step's events and the meter after it.</summary>
    private static async Task<IReadOnlyList<string>> PlayAsync(ILabTarget target)
    {
        var seen = new List<string>();
        void Saw(string what, IEnumerable<MeterEvent> events, MeterSnapshot after) =>
            seen.Add($"{what}: {string.Join("; ", events)} | {after.Clock:O} {after.Remaining} {after.Relay} {after.OpenReasons} "
                + $"{after.Flow!.CumulativeVolume} valve {after.Flow.Valve} battery {after.Flow.BatteryMillivolts} mV {after.Flow.Battery} "
                + $"latched {after.Flow.TamperLatched} leaking {after.Flow.Leaking}");

        await target.InstallAsync(MeterModels.ReferenceWater, Meter, Group, Some.Keys, Some.Moment, CancellationToken.None);
        var curve = await target.FlowAsync(Meter, new TimeSteps(TimeSpan.FromHours(5), 5, sampled: true), DailyFlowCurve.HouseholdWater(), CancellationToken.None);
        Saw("household", curve.Events, await target.ReadAsync(Meter, CancellationToken.None));
        seen.Add($"samples: {string.Join("; ", curve.Samples.Select(s => $"{s.Clock:O} {s.Remaining}"))}");
        Saw("magnet", await target.ActAsync(Meter, PartAct.ApplyMagnet, CancellationToken.None), await target.ReadAsync(Meter, CancellationToken.None));
        Saw("magnet off", await target.ActAsync(Meter, PartAct.RemoveMagnet, CancellationToken.None), await target.ReadAsync(Meter, CancellationToken.None));
        var drip = await target.FlowAsync(Meter, TimeSteps.Whole(TimeSpan.FromHours(3)), FlowProfile.Constant(30), CancellationToken.None);
        Saw("drip", drip.Events, await target.ReadAsync(Meter, CancellationToken.None));
        return seen;
    }
}
