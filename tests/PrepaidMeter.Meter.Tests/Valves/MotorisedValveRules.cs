using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Meter.Tests.Valves;

/// <summary>The valve's rules V1–V8 (docs/valves.md), one test each, on the reference rule: 10 s travel, 3 retries a minute apart.</summary>
public sealed class MotorisedValveRules
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Travel = ValveRule.Reference.TravelTime;

    [Fact]
    public void Close_FreeValve_ClosesAfterTravelTime()
    {
        var valve = new MotorisedValve(ValveRule.Reference, T0);

        var started = valve.Close(T0, "credit exhausted");
        valve.Position.ShouldBe(ValvePosition.Closing);
        valve.Advance(T0 + Travel - TimeSpan.FromTicks(1)).ShouldBeEmpty();
        var ended = valve.Advance(T0 + Travel);

        started.ShouldBe([new ValveEvent(T0, ValveEventKind.MotorStarted, "closing: credit exhausted")]);
        ended.Select(e => (e.At, e.Kind)).ShouldBe([(T0 + Travel, ValveEventKind.Closed)]);
        valve.Position.ShouldBe(ValvePosition.Closed);
        valve.HeldClosedFor.ShouldBe("credit exhausted");
        valve.MotorRuns.ShouldBe(1);
    }

    [Fact]
    public void Open_ClosedValve_OpensAfterTravelTime()
    {
        var valve = Closed();

        valve.Open(T0 + TimeSpan.FromHours(1));
        valve.Position.ShouldBe(ValvePosition.Opening);
        var ended = valve.Advance(T0 + TimeSpan.FromHours(1) + Travel);

        ended.Select(e => e.Kind).ShouldBe([ValveEventKind.Opened]);
        valve.Position.ShouldBe(ValvePosition.Open);
        valve.HeldClosedFor.ShouldBeNull();
        valve.MotorRuns.ShouldBe(2);
    }

    [Fact]
    public void SupplyFlows_OnlyAtTheOpenEndStop_AMovingValveCountsAsCut()
    {
        var valve = new MotorisedValve(ValveRule.Reference, T0);
        valve.SupplyFlows.ShouldBeTrue();

        valve.Close(T0, "credit exhausted");
        valve.SupplyFlows.ShouldBeFalse();
        valve.Advance(T0 + Travel);
        valve.SupplyFlows.ShouldBeFalse();
        valve.Open(T0 + Travel);
        valve.SupplyFlows.ShouldBeFalse();
        valve.Advance(T0 + (Travel * 2));
        valve.SupplyFlows.ShouldBeTrue();
    }

    [Fact]
    public void Open_WhileClosing_FinishesTheCloseThenOpens()
    {
        var valve = new MotorisedValve(ValveRule.Reference, T0);
        valve.Close(T0, "credit exhausted");

        valve.Open(T0 + TimeSpan.FromSeconds(3)).ShouldBeEmpty();
        var events = valve.Advance(T0 + (Travel * 2));

        events.Select(e => (e.At, e.Kind)).ShouldBe([
            (T0 + Travel, ValveEventKind.Closed),
            (T0 + Travel, ValveEventKind.MotorStarted),
            (T0 + (Travel * 2), ValveEventKind.Opened),
        ]);
        valve.Position.ShouldBe(ValvePosition.Open);
        valve.MotorRuns.ShouldBe(2);
    }

    [Fact]
    public void Advance_SeizedValve_RetriesThenSticks()
    {
        var valve = new MotorisedValve(ValveRule.Reference, T0);
        valve.Seize();
        valve.Close(T0, "credit exhausted");

        var events = valve.Advance(T0 + TimeSpan.FromHours(1));

        var retry = ValveRule.Reference.RetryInterval;
        events.Select(e => (e.At, e.Kind)).ShouldBe([
            (T0 + Travel, ValveEventKind.DidNotMove),
            (T0 + Travel + retry, ValveEventKind.MotorStarted),
            (T0 + (Travel * 2) + retry, ValveEventKind.DidNotMove),
            (T0 + (Travel * 2) + (retry * 2), ValveEventKind.MotorStarted),
            (T0 + (Travel * 3) + (retry * 2), ValveEventKind.DidNotMove),
            (T0 + (Travel * 3) + (retry * 3), ValveEventKind.MotorStarted),
            (T0 + (Travel * 4) + (retry * 3), ValveEventKind.Stuck),
        ]);
        events[^1].Detail.ShouldBe("stuck open after 4 tries");
        valve.Position.ShouldBe(ValvePosition.StuckOpen);
        valve.Alarm.ShouldBeTrue();
        valve.SupplyFlows.ShouldBeTrue("a valve stuck open still passes water: that is why it is an alarm");
        valve.MotorRuns.ShouldBe(1 + ValveRule.Reference.Retries);
        valve.NextStepAt.ShouldBeNull();
    }

    [Fact]
    public void Advance_SeizedValveWithoutRetries_SticksAtTheFirstFailure()
    {
        var rule = new ValveRule(Travel, 0, TimeSpan.FromMinutes(1), null, TimeSpan.Zero);
        var valve = Closed(rule);
        valve.Seize();

        valve.Open(T0 + TimeSpan.FromHours(1));
        var events = valve.Advance(T0 + TimeSpan.FromHours(2));

        events.Select(e => e.Kind).ShouldBe([ValveEventKind.Stuck]);
        valve.Position.ShouldBe(ValvePosition.StuckClosed);
        valve.SupplyFlows.ShouldBeFalse();
        valve.Alarm.ShouldBeTrue();
    }

    [Fact]
    public void Advance_FreedBeforeARetry_MovesOnTheRetry()
    {
        var valve = new MotorisedValve(ValveRule.Reference, T0);
        valve.Seize();
        valve.Close(T0, "credit exhausted");
        valve.Advance(T0 + Travel).Select(e => e.Kind).ShouldBe([ValveEventKind.DidNotMove]);
        valve.Position.ShouldBe(ValvePosition.OpenAwaitingRetry);

        valve.Free();
        valve.Advance(T0 + TimeSpan.FromHours(1));

        valve.Position.ShouldBe(ValvePosition.Closed);
        valve.Alarm.ShouldBeFalse();
        valve.MotorRuns.ShouldBe(2);
    }

    [Fact]
    public void Close_StuckOpenValve_TriesAgainAndASuccessClearsTheAlarm()
    {
        var valve = StuckOpen();
        valve.Free();

        var events = valve.Close(T0 + TimeSpan.FromDays(1), "credit exhausted");
        valve.Advance(T0 + TimeSpan.FromDays(1) + Travel);

        events.Select(e => e.Kind).ShouldBe([ValveEventKind.MotorStarted]);
        valve.Position.ShouldBe(ValvePosition.Closed);
        valve.Alarm.ShouldBeFalse();
    }

    [Fact]
    public void Close_StuckOpenValveStillSeized_RunsAWholeNewSeriesOfTries()
    {
        var valve = StuckOpen();
        var runs = valve.MotorRuns;

        valve.Close(T0 + TimeSpan.FromDays(1), "credit exhausted");
        valve.Advance(T0 + TimeSpan.FromDays(2));

        valve.MotorRuns.ShouldBe(runs * 2);
        valve.Position.ShouldBe(ValvePosition.StuckOpen);
    }

    [Fact]
    public void Open_StuckOpenValve_StaysPutAndTheAlarmHolds()
    {
        var valve = StuckOpen();
        var runs = valve.MotorRuns;

        valve.Open(T0 + TimeSpan.FromDays(1)).ShouldBeEmpty();

        valve.Position.ShouldBe(ValvePosition.StuckOpen);
        valve.Alarm.ShouldBeTrue();
        valve.MotorRuns.ShouldBe(runs);
    }

    [Fact]
    public void Open_WhileWaitingToRetryAClose_DropsTheRetry()
    {
        var valve = new MotorisedValve(ValveRule.Reference, T0);
        valve.Seize();
        valve.Close(T0, "credit exhausted");
        valve.Advance(T0 + Travel);

        var events = valve.Open(T0 + Travel + TimeSpan.FromSeconds(5));
        valve.Advance(T0 + TimeSpan.FromHours(1)).ShouldBeEmpty();

        events.Select(e => e.Kind).ShouldBe([ValveEventKind.RetryDropped]);
        valve.Position.ShouldBe(ValvePosition.Open);
        valve.MotorRuns.ShouldBe(1);
    }

    [Fact]
    public void Close_WhileWaitingToRetryAClose_KeepsTheRetrysSchedule()
    {
        var valve = new MotorisedValve(ValveRule.Reference, T0);
        valve.Seize();
        valve.Close(T0, "credit exhausted");
        valve.Advance(T0 + Travel);
        var retryAt = valve.NextStepAt;

        valve.Close(T0 + Travel + TimeSpan.FromSeconds(5), "alarm level 2").ShouldBeEmpty();

        valve.NextStepAt.ShouldBe(retryAt);
        valve.MotorRuns.ShouldBe(1);
        valve.HeldClosedFor.ShouldBe("alarm level 2");
    }

    [Fact]
    public void Close_AlreadyClosed_RunsNoMotorAndTakesTheNewReason()
    {
        var valve = Closed();

        valve.Close(T0 + TimeSpan.FromHours(1), "alarm level 2").ShouldBeEmpty();

        valve.MotorRuns.ShouldBe(1);
        valve.HeldClosedFor.ShouldBe("alarm level 2");
    }

    [Fact]
    public void Advance_BackInTime_IsAProgrammingError()
    {
        var valve = new MotorisedValve(ValveRule.Reference, T0);

        Should.Throw<ArgumentOutOfRangeException>(() => valve.Advance(T0 - TimeSpan.FromSeconds(1)));
    }

    private static MotorisedValve Closed(ValveRule? rule = null)
    {
        var valve = new MotorisedValve(rule ?? ValveRule.Reference, T0);
        valve.Close(T0, "credit exhausted");
        valve.Advance(T0 + Travel);
        return valve;
    }

    private static MotorisedValve StuckOpen()
    {
        var valve = new MotorisedValve(ValveRule.Reference, T0);
        valve.Seize();
        valve.Close(T0, "credit exhausted");
        valve.Advance(T0 + TimeSpan.FromHours(1));
        valve.Position.ShouldBe(ValvePosition.StuckOpen);
        return valve;
    }
}
