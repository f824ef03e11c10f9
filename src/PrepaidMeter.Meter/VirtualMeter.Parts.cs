using PrepaidMeter.Core;
using PrepaidMeter.Meter.Batteries;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Meter;

/// <summary>
/// The water and gas meter's parts (docs/water-gas.md): the flow sensor that counts the volume and watches for leaks,
/// the motorised valve where an electricity meter has its relay, the battery the valve's motor drains, and the tamper
/// latch. The meter's rules stay the same — credit, alarms, open reasons — and the parts are told what they decide: the
/// relay machine's "open" is the valve asked closed. Each part moves in lockstep with the meter's clock; a consumption
/// step never crosses a moment a part acts at (a move's end, a retry, an exercise, a battery level, a quiet period).
/// </summary>
public sealed partial class VirtualMeter
{
    private MotorisedValve? _valve;
    private Battery? _battery;
    private TamperWatch? _tamper;
    private LeakWatch? _leakWatch;

    // What the leak watch reports, gathered in one list kept for the next step: most steps report nothing.
    private readonly List<FlowEvent> _flowEvents = [];

    // The earliest moment a part acts by itself (a move's end, a retry, an exercise, a battery level, a quiet period): a step
    // ends there, and a step that starts before it spares the parts the look (tools/bench.sh '*FleetSimulation*').
    private DateTimeOffset _partsDue = DateTimeOffset.MaxValue;

    /// <summary>
    /// Whether the meter measures water or gas. It counts the volume itself, in the register an electricity meter counts
    /// energy in, by the consumption step both share; the <see cref="FlowSensor"/> is the plain account of the same count,
    /// and a property test holds the meter to it (WaterMeterProperties).
    /// </summary>
    private bool MeasuresFlow => _leakWatch is not null;

    /// <summary>Whether water, gas or power passes: the valve at its open end stop, or the relay closed.</summary>
    private bool SupplyFlows => _valve?.SupplyFlows ?? _registers.Relay == RelayState.Closed;

    /// <summary>
    /// Moves the meter's clock forward with <paramref name="flow"/> drawn through it (rules K1–K4, W1–W3, V1–V15, B1–B3,
    /// T4): the water and gas twin of <see cref="Advance(TimeSpan, LoadProfile)"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The meter measures electricity.</exception>
    public IReadOnlyList<MeterEvent> Advance(TimeSpan duration, FlowProfile flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        RequireMeasuresFlow(flow: true);
        return AdvanceUnder(duration, new FlowAsRate(flow));
    }

    /// <summary>The flow twin of <see cref="Advance(TimeSteps, LoadProfile)"/>.</summary>
    public TimePassed Advance(TimeSteps steps, FlowProfile flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        RequireMeasuresFlow(flow: true);
        return AdvanceUnder(steps, new FlowAsRate(flow));
    }

    /// <summary>Rule T1: a magnet is put at the flow sensor, now. A model without a tamper watch cannot tell.</summary>
    public IReadOnlyList<MeterEvent> ApplyMagnet() => Tamper(t => t.MagnetApplied(TimeSpan.Zero));

    public IReadOnlyList<MeterEvent> RemoveMagnet() => Tamper(t => t.MagnetRemoved(TimeSpan.Zero));

    /// <summary>Rule T2: the case is opened, now; only a model with a case switch can tell.</summary>
    public IReadOnlyList<MeterEvent> OpenCase() => Tamper(t => t.CaseOpened(TimeSpan.Zero));

    public IReadOnlyList<MeterEvent> CloseCase() => Tamper(t => t.CaseClosed(TimeSpan.Zero));

    /// <summary>Rule B4: a fresh battery is fitted, now; a critical battery's hold on the valve ends.</summary>
    /// <exception cref="InvalidOperationException">The model runs on mains, not a battery.</exception>
    public IReadOnlyList<MeterEvent> ChangeBattery()
    {
        var battery = _battery ?? throw new InvalidOperationException($"Model {Model.Id} has no battery.");
        return Act(() => Tell([battery.Change()], Of));
    }

    /// <summary>Fault seam: the valve's motor runs from now on but the valve does not move (rules V5, V6).</summary>
    /// <exception cref="InvalidOperationException">The model switches with a relay.</exception>
    public void SeizeValve() => RequiredValve.Seize();

    /// <summary>Fault seam: the valve moves again from now on.</summary>
    public void FreeValve() => RequiredValve.Free();

    /// <summary>A person's <paramref name="act"/> at the meter's parts, by name: one of the intents above.</summary>
    /// <exception cref="InvalidOperationException">The meter has no such part (an electricity meter has no valve; a mains meter no battery).</exception>
    public IReadOnlyList<MeterEvent> Do(PartAct act)
    {
        switch (act)
        {
            case PartAct.ApplyMagnet: return ApplyMagnet();
            case PartAct.RemoveMagnet: return RemoveMagnet();
            case PartAct.OpenCase: return OpenCase();
            case PartAct.CloseCase: return CloseCase();
            case PartAct.ChangeBattery: return ChangeBattery();
            case PartAct.SeizeValve:
                SeizeValve();
                return [];
            case PartAct.FreeValve:
                FreeValve();
                return [];
            default:
                throw new ArgumentOutOfRangeException(nameof(act), act, "Not a part act.");
        }
    }

    private MotorisedValve RequiredValve => _valve ?? throw new InvalidOperationException($"Model {Model.Id} has no valve.");

    /// <summary>A water or gas meter is advanced under a flow, an electricity meter under a load; the other way round is a bug.</summary>
    private void RequireMeasuresFlow(bool flow)
    {
        if (MeasuresFlow != flow)
        {
            throw new InvalidOperationException($"Model {Model.Id} measures {Model.Utility.Name()}: it is advanced under a {(MeasuresFlow ? "flow" : "load")}, not a {(flow ? "flow" : "load")}.");
        }
    }

    private List<MeterEvent> Tamper(Func<TamperWatch, IReadOnlyList<TamperEvent>> act) =>
        _tamper is { } tamper ? Act(() => Tell(act(tamper), Of)) : [];

    // An intent acts at the meter's present: the battery and the tamper watch are moved to it first.
    private void CatchUpParts() => ApplyParts(_registers.Clock);

    /// <summary>An intent at the meter's present: its events, the part reasons applied, committed. Nothing happens without power.</summary>
    private List<MeterEvent> Act(Action act)
    {
        var events = new List<MeterEvent>();
        if (!IsPowered)
        {
            return events;
        }

        _collecting = events;
        try
        {
            CatchUpParts();
            act();
            HoldPartReasons();
            RefreshPartsDue();
        }
        finally
        {
            _collecting = null;
        }

        Commit();
        return events;
    }

    /// <summary>The parts for a meter of this model: new at <paramref name="clock"/>, or as <paramref name="memory"/> kept them.</summary>
    private void BuildParts(PartsMemory? memory, DateTimeOffset clock)
    {
        _leakWatch = Model.Utility == Utility.Electricity ? null : new LeakWatch(Model.Leak)
        {
            FlowingSince = memory?.Leak?.FlowingSince,
            Leaking = memory?.Leak?.Leaking ?? false,
        };
        _valve = Model.SupplySwitch != SupplySwitch.Valve ? null
            : memory?.Valve is { } valve ? MotorisedValve.Restore(RequiredValveRule, valve) : new MotorisedValve(RequiredValveRule, clock);
        _battery = Model.Battery is not { } batteryRule ? null
            : memory?.Battery is { } battery ? Battery.Restore(batteryRule, battery) : new Battery(batteryRule, clock);
        _tamper = Model.Tamper is not { } tamperRule ? null
            : memory?.Tamper is { } tamper ? TamperWatch.Restore(tamperRule, tamper) : new TamperWatch(tamperRule, clock);
        RefreshPartsDue();
    }

    // The loader refuses a valve model without its rule; one built in code without it is a bug.
    private ValveRule RequiredValveRule => Model.Valve ?? throw new InvalidOperationException($"Model {Model.Id} switches with a valve but gives no valve rule.");

    /// <summary>What the NVRAM keeps of the parts; null on a meter that has none.</summary>
    private PartsMemory? SaveParts() => _leakWatch is null && _valve is null && _battery is null && _tamper is null
        ? null
        : new(_valve?.Save(), _battery?.Save(), _tamper?.Save(), _leakWatch is { } watch ? new LeakMemory(watch.FlowingSince, watch.Leaking) : null);

    /// <summary>
    /// Every part up to <paramref name="now"/>: what is due happens, in order; then the reasons the parts give hold or not.
    /// Between a step's start and the end of an advance the battery and the tamper watch are moved only when something of
    /// theirs is due (<paramref name="all"/> false): time passed in pieces ends as in one go for both (their property
    /// tests), so a step that finds nothing due spares them the work.
    /// </summary>
    private void ApplyParts(DateTimeOffset now, bool all = true)
    {
        if (_battery is { } battery && battery.Clock < now && (all || battery.NextLevelAt <= now))
        {
            Tell(battery.Advance(now - battery.Clock), Of);
        }

        if (_tamper is { } tamper && tamper.Clock < now && (all || tamper.NextClearAt <= now))
        {
            Tell(tamper.Advance(now - tamper.Clock), Of);
        }

        if (_valve is { } valve)
        {
            var runs = valve.MotorRuns;
            Tell(valve.Advance(now), Of);
            ChargeMotorRuns(runs);
        }

        HoldPartReasons();
        RefreshPartsDue();
    }

    private void RefreshPartsDue()
    {
        var due = DateTimeOffset.MaxValue;
        foreach (var at in (ReadOnlySpan<DateTimeOffset?>)[_valve?.NextStepAt, _battery?.NextLevelAt, _tamper?.NextClearAt])
        {
            if (at is { } next && next < due)
            {
                due = next;
            }
        }

        _partsDue = due;
    }

    /// <summary>Rules T1–T4 and B3 as open reasons: a latched tamper and a critical battery hold the valve closed.</summary>
    private void HoldPartReasons()
    {
        if (_tamper is not null)
        {
            SetReason(OpenReasons.Tamper, _tamper.ValveMustClose);
        }

        if (_battery is not null)
        {
            SetReason(OpenReasons.BatteryCritical, _battery.Level == BatteryLevel.Critical);
        }
    }

    /// <summary>Where a step from <paramref name="now"/> must stop: the next moment a part acts by itself, or the leak window's end.</summary>
    private DateTimeOffset NextPartEdge(DateTimeOffset now, DateTimeOffset end)
    {
        var edge = _partsDue > now && _partsDue < end ? _partsDue : end;
        return _leakWatch?.NextEdge is { } window && window > now && window < edge ? window : edge;
    }

    /// <summary>The relay machine decided the supply: a valve meter's valve is asked to follow (rule V1).</summary>
    private void SteerValve()
    {
        if (_valve is not { } valve)
        {
            return;
        }

        var runs = valve.MotorRuns;
        Tell(_registers.OpenReasons != OpenReasons.None ? valve.Close(_registers.Clock, _registers.OpenReasons.ToString()) : valve.Open(_registers.Clock), Of);
        ChargeMotorRuns(runs);
        RefreshPartsDue();
    }

    /// <summary>Rule B1: each run of the valve's motor takes its step off the battery.</summary>
    private void ChargeMotorRuns(int runsBefore)
    {
        if (_battery is not { } battery || _valve is not { } valve)
        {
            return;
        }

        // A run drains the battery at the meter's present: first the time it has not been moved through.
        if (valve.MotorRuns != runsBefore && battery.Clock < _registers.Clock)
        {
            Tell(battery.Advance(_registers.Clock - battery.Clock), Of);
        }

        for (var run = runsBefore; run < valve.MotorRuns; run++)
        {
            Tell(battery.MotorRan(), Of);
        }

        if (valve.MotorRuns != runsBefore)
        {
            HoldPartReasons();
        }
    }

    /// <summary>W2, W3 as a step starts, with the flow that passes from then on (none while the valve is not open).</summary>
    private void LookForLeak(DateTimeOffset now, int litresPerHour)
    {
        if (_leakWatch is { } watch)
        {
            watch.Look(now, litresPerHour, _flowEvents);
            TellFlowEvents();
        }
    }

    /// <summary>W2 as a step ends, after <paramref name="litresPerHour"/> passed through it.</summary>
    private void LeakWindowReached(DateTimeOffset now, int litresPerHour)
    {
        if (_leakWatch is { } watch)
        {
            watch.Reached(now, litresPerHour, _flowEvents);
            TellFlowEvents();
        }
    }

    /// <summary>A part's events into the meter's log, each as <paramref name="asMeterEvent"/> has it (null: the log keeps none).</summary>
    private void Tell<TEvent>(IReadOnlyList<TEvent> events, Func<TEvent, MeterEvent?> asMeterEvent)
    {
        // Indexed: most steps tell nothing, and foreach over the interface would allocate an enumerator for it.
        for (var i = 0; i < events.Count; i++)
        {
            if (asMeterEvent(events[i]) is { } entry)
            {
                AddEvent(entry);
            }
        }
    }

    private static MeterEvent? Of(ValveEvent e) => e.Kind switch
    {
        ValveEventKind.MotorStarted => new(e.At, MeterEventKind.ValveMoving, e.Detail),
        ValveEventKind.Closed => new(e.At, MeterEventKind.ValveClosed, e.Detail),
        ValveEventKind.Opened => new(e.At, MeterEventKind.ValveOpened, e.Detail),
        ValveEventKind.DidNotMove => new(e.At, MeterEventKind.ValveDidNotMove, e.Detail),
        ValveEventKind.Stuck => new(e.At, MeterEventKind.ValveStuck, e.Detail),
        ValveEventKind.ExerciseStarted => new(e.At, MeterEventKind.ValveExercise, e.Detail),
        // A dropped retry changes nothing the meter shows: the valve is where it is wanted.
        ValveEventKind.RetryDropped => null,
        _ => throw new InvalidOperationException($"Valve event {e.Kind} has no meter event."),
    };

    private static MeterEvent? Of(BatteryEvent e) => new(e.At, e.Kind switch
    {
        BatteryEventKind.Low => MeterEventKind.BatteryLow,
        BatteryEventKind.Critical => MeterEventKind.BatteryCritical,
        BatteryEventKind.Changed => MeterEventKind.BatteryChanged,
        _ => throw new InvalidOperationException($"Battery event {e.Kind} has no meter event."),
    }, e.Detail);

    private static MeterEvent? Of(TamperEvent e) => new(e.At, e.Kind switch
    {
        TamperEventKind.Detected => MeterEventKind.TamperDetected,
        TamperEventKind.Cleared => MeterEventKind.TamperCleared,
        TamperEventKind.ClearRefused => MeterEventKind.TamperClearRefused,
        _ => throw new InvalidOperationException($"Tamper event {e.Kind} has no meter event."),
    }, e.Detail);

    private static MeterEvent? Of(FlowEvent e) =>
        new(e.At, e.Kind == FlowEventKind.LeakDetected ? MeterEventKind.LeakDetected : MeterEventKind.LeakEnded, e.Detail);

    private void TellFlowEvents()
    {
        if (_flowEvents.Count > 0)
        {
            Tell(_flowEvents.Drain(), Of);
        }
    }

    /// <summary>Rule T3: the set card is the tool card that clears a latched tamper (refused while the attack is still on).</summary>
    private void ClearTamperByToolCard()
    {
        if (_tamper is { } tamper && tamper.Latched != TamperFlags.None)
        {
            CatchUpParts();
            Tell([tamper.ClearByToolCard()], Of);
            HoldPartReasons();
            RefreshPartsDue();
        }
    }

    /// <summary>The parts as `meter show` and the link read them; null for an electricity meter with none.</summary>
    private FlowSideSnapshot? PartsSnapshot() => _leakWatch is null && _valve is null
        ? null
        : new(
            Model.Utility,
            Volume.FromHundredths(_registers.CumulativeEnergy),
            _leakWatch?.Leaking ?? false,
            _valve?.Position,
            _valve?.Alarm ?? false,
            _valve?.MotorRuns ?? 0,
            _battery?.Millivolts,
            _battery?.Level,
            _tamper?.Active ?? TamperFlags.None,
            _tamper?.Latched ?? TamperFlags.None);

    /// <summary>
    /// A flow as the meter's consumption step reads a load: a litre an hour for a second is to a hundredth of a m³ what a
    /// watt for a second is to a hundredth of a kWh — 36 000 of each — so one exact step serves both.
    /// </summary>
    private sealed class FlowAsRate(FlowProfile flow) : LoadProfile
    {
        public override int WattsAt(DateTimeOffset at) => flow.LitresPerHourAt(at);

        public override DateTimeOffset? NextChangeAfter(DateTimeOffset at) => flow.NextChangeAfter(at);
    }
}
