using System.Globalization;
using PrepaidMeter.Core;

namespace PrepaidMeter.Meter.Valves;

/// <summary>
/// The motorised valve of an IC-card water or gas meter, in place of an electricity meter's relay: it closes where the relay
/// would open, opens on a card, takes <see cref="ValveRule.TravelTime"/> to move, retries a move that did not happen, raises
/// the stuck alarm when the retries run out, and is exercised on a schedule so it does not seize (rules V1–V15 in
/// docs/valves.md). Time only comes in through the arguments; every call first plays every step due up to its time, in order.
/// </summary>
public sealed partial class MotorisedValve
{
    private readonly ValveRule _rule;
    private readonly List<ValveEvent> _told = [];
    private ValvePosition _position = ValvePosition.Open;
    private DateTimeOffset _now;
    private DateTimeOffset _lastMoved;
    private DateTimeOffset _travelEnds;
    private DateTimeOffset _retryAt;
    private int _failures;
    private string? _heldClosedFor;
    private ExercisePhase _exercise;
    private bool _seized;

    /// <summary>A valve as installed: open, free, still since <paramref name="installedAt"/>.</summary>
    public MotorisedValve(ValveRule rule, DateTimeOffset installedAt)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rule = rule;
        _now = installedAt;
        _lastMoved = installedAt;
        _machine = BuildMachine();
    }

    public ValveRule Rule => _rule;

    public ValvePosition Position => _position;

    /// <summary>The valve's present: the latest time it was given.</summary>
    public DateTimeOffset Clock => _now;

    /// <summary>Whether water or gas passes: only at the open end stop, a moving valve counting as cut (rule V3).</summary>
    public bool SupplyFlows => _position.LetsThrough();

    public bool IsMoving => _position is ValvePosition.Closing or ValvePosition.Opening;

    /// <summary>The stuck alarm: the retries ran out (rule V6). It holds until a move succeeds.</summary>
    public bool Alarm => _position is ValvePosition.StuckOpen or ValvePosition.StuckClosed;

    /// <summary>How many times the motor has run, a retry included: what a battery model will charge for.</summary>
    public int MotorRuns { get; private set; }

    /// <summary>Why the valve is held closed (the last <see cref="Close"/>'s reason), or null when it is wanted open.</summary>
    public string? HeldClosedFor => _heldClosedFor;

    /// <summary>Whether the fault seam holds the valve seized.</summary>
    public bool IsSeized => _seized;

    /// <summary>When the valve next does something by itself (a move ends, a retry, an exercise), so an owner can jump to it.</summary>
    public DateTimeOffset? NextStepAt => _position switch
    {
        ValvePosition.Closing or ValvePosition.Opening => _travelEnds,
        ValvePosition.OpenAwaitingRetry or ValvePosition.ClosedAwaitingRetry => _retryAt,
        ValvePosition.Open when _rule.ExerciseInterval is { } every => _lastMoved + every,
        _ => null,
    };

    /// <summary>Hold the valve closed for <paramref name="reason"/> (credit exhausted, an alarm level the model names).</summary>
    public IReadOnlyList<ValveEvent> Close(DateTimeOffset now, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        CatchUp(now);
        _heldClosedFor = reason;
        if (_exercise == ExercisePhase.Reopening)
        {
            // The reason wins over an exercise that has already closed the valve: it stays closed, and the exercise is over.
            _exercise = ExercisePhase.None;
        }

        _machine.Fire(Trigger.Steer);
        return _told.Drain();
    }

    /// <summary>Want the valve open again (a card was inserted): no reason holds it closed any more.</summary>
    public IReadOnlyList<ValveEvent> Open(DateTimeOffset now)
    {
        CatchUp(now);
        _heldClosedFor = null;
        _machine.Fire(Trigger.Steer);
        return _told.Drain();
    }

    /// <summary>Let time pass to <paramref name="now"/>: every move end, retry and exercise due by then happens, in order.</summary>
    public IReadOnlyList<ValveEvent> Advance(DateTimeOffset now)
    {
        CatchUp(now);
        return _told.Drain();
    }

    /// <summary>Fault seam: from the valve's present on, its motor runs but the valve does not move (found at the end of a travel).</summary>
    public void Seize() => _seized = true;

    /// <summary>Fault seam: the valve moves again from its present on.</summary>
    public void Free() => _seized = false;

    private void CatchUp(DateTimeOffset now)
    {
        if (now < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(now), now, $"The valve is at {_now:O}: its time does not run backwards.");
        }

        // One step at a time, each at its own moment, so a long jump and the same stretch in pieces do the same things.
        // A step already overdue at the valve's present (an exercise whose interval ran out while a failed move waited
        // for its retry) is played at the present: time never runs back, and events come out in order.
        while (NextStepAt is { } due && due <= now)
        {
            _now = due > _now ? due : _now;
            Step();
        }

        _now = now;
    }

    private void Step()
    {
        switch (_position)
        {
            case ValvePosition.Closing or ValvePosition.Opening:
                _machine.Fire(Trigger.TravelEnds);
                if (_position is ValvePosition.Open or ValvePosition.Closed)
                {
                    // A request made while the motor ran (or an exercise's reopen) is acted on as soon as the move ends.
                    _machine.Fire(Trigger.Steer);
                }

                break;
            case ValvePosition.OpenAwaitingRetry or ValvePosition.ClosedAwaitingRetry:
                _machine.Fire(Trigger.RetryDue);
                break;
            default:
                _exercise = ExercisePhase.Closing;
                Tell(ValveEventKind.ExerciseStarted, $"still since {Stamp(_lastMoved)}");
                _machine.Fire(Trigger.ExerciseDue);
                break;
        }
    }

    private void Tell(ValveEventKind kind, string detail) => _told.Add(new ValveEvent(_now, kind, detail));

    /// <summary>Everything the valve is, for the meter's NVRAM (rule N1): a restored valve goes on exactly as this one would.</summary>
    internal ValveMemory Save() => new(_position, _now, _lastMoved, _travelEnds, _retryAt, _failures, _heldClosedFor, (byte)_exercise, _seized, MotorRuns);

    /// <summary>The valve <paramref name="memory"/> was saved from, moving by <paramref name="rule"/>.</summary>
    internal static MotorisedValve Restore(ValveRule rule, ValveMemory memory)
    {
        var valve = new MotorisedValve(rule, memory.Now)
        {
            _position = memory.Position,
            _lastMoved = memory.LastMoved,
            _travelEnds = memory.TravelEnds,
            _retryAt = memory.RetryAt,
            _failures = memory.Failures,
            _heldClosedFor = memory.HeldClosedFor,
            _exercise = (ExercisePhase)memory.Exercise,
            _seized = memory.Seized,
            MotorRuns = memory.MotorRuns,
        };
        return valve;
    }

    private static string Stamp(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Where an exercise is: it wants the valve closed until it has closed it, then open again.</summary>
    private enum ExercisePhase : byte
    {
        None,
        Closing,
        Reopening,
    }
}
