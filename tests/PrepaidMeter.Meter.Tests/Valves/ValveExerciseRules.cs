using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Meter.Tests.Valves;

/// <summary>Exercise (rules V9–V12, docs/valves.md): a still, open valve is closed and reopened so it does not seize.</summary>
public sealed class ValveExerciseRules
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ValveRule Rule = ValveRule.Reference;
    private static readonly TimeSpan Month = Rule.ExerciseInterval!.Value;

    [Fact]
    public void Exercise_OpenValveMonthDue_CutsAtMostTheLimit()
    {
        var valve = new MotorisedValve(Rule, T0);
        valve.Advance(T0 + Month - TimeSpan.FromSeconds(1)).ShouldBeEmpty();

        var events = valve.Advance(T0 + Month + TimeSpan.FromHours(1));

        events.Select(e => (e.At - T0 - Month, e.Kind, e.Detail)).ShouldBe([
            (TimeSpan.Zero, ValveEventKind.ExerciseStarted, "still since 2025-03-01T00:00:00.0000000+00:00"),
            (TimeSpan.Zero, ValveEventKind.MotorStarted, "closing: exercise"),
            (Rule.TravelTime, ValveEventKind.Closed, "after 00:00:10"),
            (Rule.TravelTime, ValveEventKind.MotorStarted, "opening: exercise"),
            (Rule.TravelTime * 2, ValveEventKind.Opened, "after 00:00:10"),
        ]);
        var cut = events[^1].At - events[0].At;
        cut.ShouldBeLessThanOrEqualTo(Rule.LongestExerciseCut);
        valve.Position.ShouldBe(ValvePosition.Open);
        valve.MotorRuns.ShouldBe(2);
        valve.NextStepAt.ShouldBe(events[^1].At + Month, "the next exercise is counted from the end of this one");
    }

    [Fact]
    public void Exercise_FellDueWhileARetryWaited_StartsAtTheValvesPresent_NeverInItsPast()
    {
        var valve = new MotorisedValve(Rule, T0);
        valve.Seize();
        valve.Close(T0 + Month - TimeSpan.FromSeconds(10), "credit");
        valve.Advance(T0 + Month + TimeSpan.FromSeconds(20)); // the close did not happen; a retry waits
        valve.Free();
        var dropped = valve.Open(T0 + Month + TimeSpan.FromSeconds(30)); // wanted open again: the retry is dropped

        var events = valve.Advance(T0 + Month + TimeSpan.FromSeconds(40));

        dropped.Select(e => e.Kind).ShouldContain(ValveEventKind.RetryDropped);
        events[0].Kind.ShouldBe(ValveEventKind.ExerciseStarted);
        events[0].At.ShouldBe(T0 + Month + TimeSpan.FromSeconds(30), "overdue, so played at the moment the valve was next given");
        events.Zip(events.Skip(1)).ShouldAllBe(p => p.First.At <= p.Second.At);
        valve.Clock.ShouldBe(T0 + Month + TimeSpan.FromSeconds(40));
    }

    [Fact]
    public void Exercise_NoInterval_NeverMovesTheValve()
    {
        var valve = new MotorisedValve(new ValveRule(Rule.TravelTime, 3, TimeSpan.FromMinutes(1), null, TimeSpan.Zero), T0);

        valve.Advance(T0 + TimeSpan.FromDays(3_650)).ShouldBeEmpty();

        valve.MotorRuns.ShouldBe(0);
        valve.NextStepAt.ShouldBeNull();
    }

    [Fact]
    public void Exercise_ValveHeldClosed_IsNotExercisedAndItsOpeningCounts()
    {
        var valve = new MotorisedValve(Rule, T0);
        valve.Close(T0, "credit exhausted");

        valve.Advance(T0 + (Month * 3)).Select(e => e.Kind).ShouldBe([ValveEventKind.Closed], "no water without credit, exercise or not");
        valve.Open(T0 + (Month * 3));
        var events = valve.Advance(T0 + (Month * 4) - TimeSpan.FromMinutes(1));

        events.Select(e => e.Kind).ShouldBe([ValveEventKind.Opened], "the opening was the exercise: the next is a month after it");
        valve.NextStepAt.ShouldBe(T0 + (Month * 4) + Rule.TravelTime);
    }

    [Fact]
    public void Exercise_SeizedValve_RetriesAndRaisesTheAlarm()
    {
        var valve = new MotorisedValve(Rule, T0);
        valve.Seize();

        var events = valve.Advance(T0 + Month + TimeSpan.FromHours(1));

        events.Count(e => e.Kind == ValveEventKind.DidNotMove).ShouldBe(Rule.Retries);
        events[^1].Kind.ShouldBe(ValveEventKind.Stuck);
        valve.Position.ShouldBe(ValvePosition.StuckOpen);
        valve.SupplyFlows.ShouldBeTrue("a valve that did not move never cut the supply");
        valve.Alarm.ShouldBeTrue();
    }

    [Fact]
    public void Exercise_OpenRequestedWhileItsCloseRetries_TheExerciseGoesOn()
    {
        var valve = new MotorisedValve(Rule, T0);
        valve.Seize();
        valve.Advance(T0 + Month + Rule.TravelTime);
        valve.Position.ShouldBe(ValvePosition.OpenAwaitingRetry);
        valve.Free();

        valve.Open(T0 + Month + Rule.TravelTime).ShouldBeEmpty();
        valve.Advance(T0 + Month + TimeSpan.FromHours(1));

        valve.Position.ShouldBe(ValvePosition.Open);
        valve.MotorRuns.ShouldBe(3, "the failed close, the retried close, the reopen");
    }

    [Fact]
    public void Close_DuringAnExercise_KeepsTheValveClosed()
    {
        var valve = new MotorisedValve(Rule, T0);
        valve.Advance(T0 + Month);
        valve.Position.ShouldBe(ValvePosition.Closing);

        valve.Close(T0 + Month + TimeSpan.FromSeconds(2), "credit exhausted");
        valve.Advance(T0 + Month + TimeSpan.FromDays(1));

        valve.Position.ShouldBe(ValvePosition.Closed);
        valve.MotorRuns.ShouldBe(1);
    }

    [Fact]
    public void Close_WhileAnExerciseReopens_TheValveClosesAgainAfterTheOpen()
    {
        var valve = new MotorisedValve(Rule, T0);
        valve.Advance(T0 + Month + Rule.TravelTime);
        valve.Position.ShouldBe(ValvePosition.Opening);

        valve.Close(T0 + Month + Rule.TravelTime + TimeSpan.FromSeconds(2), "credit exhausted");
        var events = valve.Advance(T0 + Month + TimeSpan.FromDays(1));

        events.Select(e => e.Kind).ShouldBe([ValveEventKind.Opened, ValveEventKind.MotorStarted, ValveEventKind.Closed]);
        events[1].Detail.ShouldBe("closing: credit exhausted");
        valve.Position.ShouldBe(ValvePosition.Closed);
    }
}
