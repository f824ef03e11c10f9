using PrepaidMeter.Core;

namespace PrepaidMeter.Meter.Tampering;

/// <summary>
/// The tamper latch of a water or gas meter (rules T1–T4, docs/water-gas.md). A magnet at the flow sensor (T1) or,
/// on a model with a case switch, an opened case (T2) latches a flag and asks the valve closed; the flag stays when
/// the attack stops, until a tool card clears it — refused while the attack is still on (T3) — or, where the model
/// says so, until the attack has been off for its quiet period (T4). Time comes in through the calls, in whole seconds.
/// </summary>
public sealed class TamperWatch
{
    private readonly TamperRule _rule;

    /// <summary>When the last attack stopped (the magnet taken away, the case closed); null while one is on or none was.</summary>
    private DateTimeOffset? _quietSince;

    public TamperWatch(TamperRule rule, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(rule);
        WholeSeconds.RequireWhole(start, nameof(start));

        (_rule, Clock) = (rule, start);
    }

    public DateTimeOffset Clock { get; private set; }

    /// <summary>The attacks going on now, as the sensors see them.</summary>
    public TamperFlags Active { get; private set; }

    /// <summary>The latched flags: while any is set the valve must stay closed.</summary>
    public TamperFlags Latched { get; private set; }

    public bool ValveMustClose => Latched != TamperFlags.None;

    /// <summary>A magnet is put at the flow sensor, <paramref name="after"/> from the clock (T1).</summary>
    public IReadOnlyList<TamperEvent> MagnetApplied(TimeSpan after) => Begin(after, TamperFlags.Magnet);

    public IReadOnlyList<TamperEvent> MagnetRemoved(TimeSpan after) => End(after, TamperFlags.Magnet);

    /// <summary>The case is opened (T2); nothing happens on a model without a case switch — it cannot tell.</summary>
    public IReadOnlyList<TamperEvent> CaseOpened(TimeSpan after) => _rule.HasCaseSwitch ? Begin(after, TamperFlags.Case) : Pass(after);

    public IReadOnlyList<TamperEvent> CaseClosed(TimeSpan after) => _rule.HasCaseSwitch ? End(after, TamperFlags.Case) : Pass(after);

    /// <summary>Time passes with no change at the sensors (T4 may clear the latch on the way).</summary>
    public IReadOnlyList<TamperEvent> Advance(TimeSpan duration) => Pass(duration);

    /// <summary>A tool card that clears tamper is inserted now (T3): it clears every latched flag, unless an attack is still on.</summary>
    public TamperEvent ClearByToolCard()
    {
        if (Active != TamperFlags.None)
        {
            return new(Clock, TamperEventKind.ClearRefused, Active, $"{Active} still on: nothing cleared");
        }

        var cleared = Latched;
        (Latched, _quietSince) = (TamperFlags.None, null);
        return new(Clock, TamperEventKind.Cleared, cleared, cleared == TamperFlags.None ? "nothing was latched" : $"{cleared} cleared by a tool card");
    }

    /// <summary>When the model's quiet period next clears the latch (T4), so the meter can stop there; null when nothing will.</summary>
    public DateTimeOffset? NextClearAt => _rule.ClearsAfterQuiet is { } quiet && _quietSince is { } since ? since + quiet : null;

    /// <summary>Everything the watch is, for the meter's NVRAM (rule N1).</summary>
    internal TamperMemory Save() => new(Clock, Active, Latched, _quietSince);

    internal static TamperWatch Restore(TamperRule rule, TamperMemory memory) =>
        new(rule, memory.Clock) { Active = memory.Active, Latched = memory.Latched, _quietSince = memory.QuietSince };

    private List<TamperEvent> Begin(TimeSpan after, TamperFlags flag)
    {
        var events = Pass(after);
        Active |= flag;
        _quietSince = null;
        if ((Latched & flag) == 0)
        {
            Latched |= flag;
            events.Add(new(Clock, TamperEventKind.Detected, flag, $"{flag} tamper: the valve closes until it is cleared"));
        }

        return events;
    }

    private List<TamperEvent> End(TimeSpan after, TamperFlags flag)
    {
        var events = Pass(after);
        var ended = (Active & flag) != 0;
        Active &= ~flag;
        // Only the end of an attack starts the quiet period: closing a case that was never opened changes nothing.
        if (ended && Active == TamperFlags.None && Latched != TamperFlags.None)
        {
            _quietSince = Clock;
        }

        return events;
    }

    private List<TamperEvent> Pass(TimeSpan duration)
    {
        var end = WholeSeconds.After(Clock, duration);
        var events = new List<TamperEvent>();
        if (_rule.ClearsAfterQuiet is { } quiet && _quietSince is { } since && since + quiet <= end)
        {
            // T4, at the second the quiet period is over.
            Clock = since + quiet;
            events.Add(new(Clock, TamperEventKind.Cleared, Latched, $"{Latched} cleared after {Core.Durations.Format(quiet)} without an attack"));
            (Latched, _quietSince) = (TamperFlags.None, null);
        }

        Clock = end;
        return events;
    }
}
