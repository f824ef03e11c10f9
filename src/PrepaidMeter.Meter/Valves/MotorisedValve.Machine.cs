using Stateless;

namespace PrepaidMeter.Meter.Valves;

/// <summary>The valve's Stateless machine, private to it (the Stateless Bug example); its state is <see cref="Position"/>.</summary>
public sealed partial class MotorisedValve
{
    private readonly StateMachine<ValvePosition, Trigger> _machine;

    private enum Trigger
    {
        /// <summary>What the valve is wanted to be may differ from where it is: a request, or a move ended.</summary>
        Steer,
        TravelEnds,
        RetryDue,
        ExerciseDue,
    }

    /// <summary>Held closed for a reason, or an exercise that has not closed the valve yet.</summary>
    private bool WantedClosed => _heldClosedFor is not null || _exercise == ExercisePhase.Closing;

    private bool RetryLeft => _failures < _rule.Retries;

    private StateMachine<ValvePosition, Trigger> BuildMachine()
    {
        var machine = new StateMachine<ValvePosition, Trigger>(() => _position, p => _position = p);
        machine.Configure(ValvePosition.Open)
            .OnEntryFrom(Trigger.TravelEnds, Arrived)
            .OnEntryFrom(Trigger.Steer, DropRetry)
            .PermitIf(Trigger.Steer, ValvePosition.Closing, () => WantedClosed, "wanted closed")
            .IgnoreIf(Trigger.Steer, () => !WantedClosed, "wanted open")
            .Permit(Trigger.ExerciseDue, ValvePosition.Closing);
        machine.Configure(ValvePosition.Closed)
            .OnEntryFrom(Trigger.TravelEnds, Arrived)
            .OnEntryFrom(Trigger.Steer, DropRetry)
            .PermitIf(Trigger.Steer, ValvePosition.Opening, () => !WantedClosed, "wanted open")
            .IgnoreIf(Trigger.Steer, () => WantedClosed, "wanted closed");
        Moving(machine, ValvePosition.Closing, ValvePosition.Closed, ValvePosition.OpenAwaitingRetry, ValvePosition.StuckOpen);
        Moving(machine, ValvePosition.Opening, ValvePosition.Open, ValvePosition.ClosedAwaitingRetry, ValvePosition.StuckClosed);
        Waiting(machine, ValvePosition.OpenAwaitingRetry, ValvePosition.Closing, ValvePosition.Open, wantedClosed: false);
        Waiting(machine, ValvePosition.ClosedAwaitingRetry, ValvePosition.Opening, ValvePosition.Closed, wantedClosed: true);
        // A stuck valve tries again only when asked for the other end; asked for where it is, it stays put and the alarm holds.
        machine.Configure(ValvePosition.StuckOpen)
            .OnEntry(RaiseStuck)
            .PermitIf(Trigger.Steer, ValvePosition.Closing, () => WantedClosed, "close asked again")
            .IgnoreIf(Trigger.Steer, () => !WantedClosed, "wanted open");
        machine.Configure(ValvePosition.StuckClosed)
            .OnEntry(RaiseStuck)
            .PermitIf(Trigger.Steer, ValvePosition.Opening, () => !WantedClosed, "open asked again")
            .IgnoreIf(Trigger.Steer, () => WantedClosed, "wanted closed");

        // Every trigger is fired only where it is configured; anything else is a bug in the valve, not a user's mistake.
        machine.OnUnhandledTrigger((p, t) => throw new InvalidOperationException($"Valve: {t} in {p}."));
        return machine;
    }

    private void Moving(StateMachine<ValvePosition, Trigger> machine, ValvePosition moving, ValvePosition arrived, ValvePosition retry, ValvePosition stuck) =>
        machine.Configure(moving)
            .OnEntry(StartMotor)
            // A motor is not reversed half way: a request while it runs is acted on when the move ends.
            .Ignore(Trigger.Steer)
            .PermitIf(Trigger.TravelEnds, arrived, () => !_seized, "free")
            .PermitIf(Trigger.TravelEnds, retry, () => _seized && RetryLeft, "seized, a retry left")
            .PermitIf(Trigger.TravelEnds, stuck, () => _seized && !RetryLeft, "seized, no retry left");

    private void Waiting(StateMachine<ValvePosition, Trigger> machine, ValvePosition waiting, ValvePosition retry, ValvePosition settled, bool wantedClosed) =>
        machine.Configure(waiting)
            .OnEntry(DidNotMove)
            .Permit(Trigger.RetryDue, retry)
            .PermitIf(Trigger.Steer, settled, () => WantedClosed == wantedClosed, wantedClosed ? "wanted closed" : "wanted open")
            .IgnoreIf(Trigger.Steer, () => WantedClosed != wantedClosed, wantedClosed ? "wanted open" : "wanted closed");

    private void StartMotor(StateMachine<ValvePosition, Trigger>.Transition t)
    {
        // A new series of tries starts unless this is a retry of the last one.
        if (t.Trigger != Trigger.RetryDue)
        {
            _failures = 0;
        }

        MotorRuns = checked(MotorRuns + 1);
        _travelEnds = _now + _rule.TravelTime;
        var way = t.Destination == ValvePosition.Closing ? "closing" : "opening";
        var why = t.Trigger == Trigger.RetryDue ? $"retry {_failures} of {_rule.Retries}"
            : _exercise != ExercisePhase.None ? "exercise"
            : _heldClosedFor ?? "open requested";
        Tell(ValveEventKind.MotorStarted, $"{way}: {why}");
    }

    private void Arrived(StateMachine<ValvePosition, Trigger>.Transition t)
    {
        _lastMoved = _now;
        _failures = 0;
        var closed = t.Destination == ValvePosition.Closed;
        // An exercise that has closed the valve reopens it unless a reason now holds it closed; reopened, it is done.
        _exercise = closed && _exercise == ExercisePhase.Closing && _heldClosedFor is null ? ExercisePhase.Reopening : ExercisePhase.None;
        Tell(closed ? ValveEventKind.Closed : ValveEventKind.Opened, $"after {_rule.TravelTime}");
    }

    private void DidNotMove(StateMachine<ValvePosition, Trigger>.Transition t)
    {
        _failures = checked(_failures + 1);
        _retryAt = _now + _rule.RetryInterval;
        var where = t.Destination == ValvePosition.OpenAwaitingRetry ? "still open" : "still closed";
        Tell(ValveEventKind.DidNotMove, $"{where}: retry {_failures} of {_rule.Retries} at {Stamp(_retryAt)}");
    }

    private void RaiseStuck(StateMachine<ValvePosition, Trigger>.Transition t)
    {
        _exercise = ExercisePhase.None;
        var tries = checked(_failures + 1);
        Tell(ValveEventKind.Stuck, $"{(t.Destination == ValvePosition.StuckOpen ? "stuck open" : "stuck closed")} after {tries} tries");
    }

    private void DropRetry(StateMachine<ValvePosition, Trigger>.Transition t) =>
        Tell(ValveEventKind.RetryDropped, $"wanted {(t.Destination == ValvePosition.Open ? "open" : "closed")} where it is");

    /// <summary>The machine as a Mermaid state diagram, generated from the code for docs/valves.md.</summary>
    public static string Diagram()
    {
        var valve = new MotorisedValve(ValveRule.Reference, DateTimeOffset.UnixEpoch);
        return Stateless.Graph.MermaidGraph.Format(valve._machine.GetInfo()).Trim().Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
