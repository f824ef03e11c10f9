using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Web.Console;

namespace PrepaidMeter.Web.Tests.Console;

/// <summary>
/// The console's lab runs in memory (docs/web.md, "Lab"): one plays at a time, the last <see cref="LabRuns.Kept"/> are kept (the
/// oldest finished one dropped for a new one), a run is refused when all kept runs are still to finish, a target that fails ends
/// its run with a sentence, and shutting the console down ends the waiting runs with one. The target is held back by a gate, so nothing here waits on timing.
/// </summary>
public sealed class LabRunsTests
{
    private static readonly LabOrder OneScenario = LabOrder.OfScenarios(["foreign-group-card"]).Order!;

    [Fact]
    public async Task Start_WhileEveryKeptRunIsStillToFinish_IsRefused_AndOnlyOnePlaysAtATime()
    {
        using var gate = new ManualResetEventSlim();
        var targets = 0;
        var runs = new LabRuns(TimeProvider.System, () =>
        {
            Interlocked.Increment(ref targets);
            gate.Wait(TimeSpan.FromSeconds(30));
            return new VirtualTarget();
        });
        await using (runs)
        {
            // The first plays a scenario and is held at its target; the others play nothing, so they finish at once when let go.
            var started = Enumerable.Range(0, LabRuns.Kept).Select(i => runs.Start(i == 0 ? OneScenario : new ScenarioOrder([]), "admin").Run!).ToList();

            var (refused, why) = runs.Start(OneScenario, "admin");

            refused.ShouldBeNull();
            why.ShouldBe("20 runs are waiting or running, the most this console keeps; start this one when one of them has finished");
            await WaitUntil(() => started[0].Progress.State == LabRunState.Running);
            started.Skip(1).ShouldAllBe(r => r.Progress.State == LabRunState.Waiting);
            Volatile.Read(ref targets).ShouldBe(1);
            gate.Set();
            await WaitUntil(() => started[^1].Progress.IsOver);
            started.ShouldAllBe(r => r.Progress.State == LabRunState.Finished && r.Progress.Passed);
            // One at a time, in the order started: each began once the one before it had ended.
            for (var i = 1; i < started.Count; i++)
            {
                started[i].Progress.Began.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(started[i - 1].Progress.Ended.ShouldNotBeNull(), $"run {i + 1}");
            }
        }
    }

    [Fact]
    public async Task Start_WhenKeptRunsAreFinished_DropsTheOldest()
    {
        await using var runs = new LabRuns(TimeProvider.System, () => new VirtualTarget());
        var empty = new ScenarioOrder([]);
        for (var i = 0; i < LabRuns.Kept; i++)
        {
            var run = runs.Start(empty, "admin").Run!;
            await WaitUntil(() => run.Progress.IsOver);
        }

        var newest = runs.Start(empty, "admin").Run!;

        newest.Id.ShouldBe(LabRuns.Kept + 1);
        runs.All.Count.ShouldBe(LabRuns.Kept);
        runs.Find(1).ShouldBeNull();
        runs.All[0].ShouldBeSameAs(newest);
    }

    [Fact]
    public async Task Dispose_WithRunsWaiting_EndsThemSayingTheConsoleStopped()
    {
        using var gate = new ManualResetEventSlim();
        var runs = new LabRuns(TimeProvider.System, () =>
        {
            gate.Wait(TimeSpan.FromSeconds(30));
            return new VirtualTarget();
        });
        var first = runs.Start(OneScenario, "admin").Run!;
        var second = runs.Start(OneScenario, "admin").Run!;
        await WaitUntil(() => first.Progress.State == LabRunState.Running);

        var stopping = runs.DisposeAsync().AsTask();
        gate.Set();
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));

        second.Progress.State.ShouldBe(LabRunState.Failed);
        second.Progress.Fault.ShouldBe("the console stopped before this run began");
        runs.Start(OneScenario, "admin").Refusal.ShouldBe("the console is stopping; no run is started");
    }

    [Fact]
    public async Task Run_WhoseTargetFails_EndsFailedSayingWhy_AndTheNextRunStillPlays()
    {
        var calls = 0;
        await using var runs = new LabRuns(TimeProvider.System, () => Interlocked.Increment(ref calls) == 1
            ? throw new LabTargetException("the meter's reader slot stayed taken")
            : new VirtualTarget());

        var broken = runs.Start(OneScenario, "admin").Run!;
        var next = runs.Start(OneScenario, "admin").Run!;
        await WaitUntil(() => next.Progress.IsOver);

        broken.Progress.State.ShouldBe(LabRunState.Failed);
        broken.Progress.Fault.ShouldBe("the virtual target failed: the meter's reader slot stayed taken");
        broken.Report().ShouldBeNull();
        next.Progress.Passed.ShouldBeTrue();
    }

    /// <summary>Polls <paramref name="done"/> for up to 30 s: a run that never gets there fails the test rather than hanging it.</summary>
    private static async Task WaitUntil(Func<bool> done)
    {
        var until = TimeProvider.System.GetTimestamp() + (30 * TimeProvider.System.TimestampFrequency);
        while (!done())
        {
            TimeProvider.System.GetTimestamp().ShouldBeLessThan(until, "waited 30 s");
            await Task.Delay(20);
        }
    }
}
