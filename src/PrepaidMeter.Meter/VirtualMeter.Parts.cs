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
    private FlowSensor? _flowSensor;

    // The flow of one step as the sensor sees it: reused, so a step allocates no profile.
    private readonly StepFlow _stepFlow = new();

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
        RequireFlowMeter();
        return AdvanceUnder(duration, new FlowAsRate(flow));
    }

    /// <summary>The flow twin of <see cref="Advance(TimeSteps, LoadProfile)"/>.</summary>
    public TimePassed Advance(TimeSteps steps, FlowProfile flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        RequireFlowMeter();
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
        return Act(() => Tell(battery.Change()));
    }

    /// <summary>Fault seam: the valve's motor runs from now on but the valve does not move (rules V5, V6).</summary>
    /// <exception cref="InvalidOperationException">The model switches with a relay.</exception>
    public void SeizeValve() => (_valve ?? throw new InvalidOperationException($"Model {Model.Id} has no valve.")).Seize();

    /// <summary>Fault seam: the valve moves again from now on.</summary>
    public void FreeValve() => (_valve ?? throw new InvalidOperationException($"Model {Model.Id} has no valve.")).Free();

    private void RequireFlowMeter()
    {
        if (_flowSensor is null)
        {
            throw new InvalidOperationException($"Model {Model.Id} measures {Model.Utility.Name()}: it is advanced under a load, not a flow.");
        }
    }

    private void RequirePowerMeter()
    {
        if (_flowSensor is not null)
        {
            throw new InvalidOperationException($"Model {Model.Id} measures {Model.Utility.Name()}: it is advanced under a flow, not a load.");
        }
    }

    private List<MeterEvent> Tamper(Func<TamperWatch, IReadOnlyList<TamperEvent>> act) =>
        _tamper is { } tamper ? Act(() => Tell(act(tamper))) : [];

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
            act();
            HoldPartReasons();
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
        var measuresFlow = Model.Utility != Utility.Electricity;
        _flowSensor = !measuresFlow ? null
            : memory?.Flow is { } flow ? FlowSensor.Restore(Model.Leak, flow) : new FlowSensor(clock, Model.Leak);
        _valve = Model.SupplySwitch != SupplySwitch.Valve ? null
            : memory?.Valve is { } valve ? MotorisedValve.Restore(RequiredValveRule, valve) : new MotorisedValve(RequiredValveRule, clock);
        _battery = Model.Battery is not { } batteryRule ? null
            : memory?.Battery is { } battery ? Battery.Restore(batteryRule, battery) : new Battery(batteryRule, clock);
        _tamper = Model.Tamper is not { } tamperRule ? null
            : memory?.Tamper is { } tamper ? TamperWatch.Restore(tamperRule, tamper) : new TamperWatch(tamperRule, clock);
    }

    // The loader refuses a valve model without its rule; one built in code without it is a bug.
    private ValveRule RequiredValveRule => Model.Valve ?? throw new InvalidOperationException($"Model {Model.Id} switches with a valve but gives no valve rule.");

    /// <summary>What the NVRAM keeps of the parts; null on a meter that has none.</summary>
    private PartsMemory? SaveParts() => _flowSensor is null && _valve is null && _battery is null && _tamper is null
        ? null
        : new(_valve?.Save(), _battery?.Save(), _tamper?.Save(), _flowSensor?.Save());

    /// <summary>Every part up to <paramref name="now"/>: what is due happens, in order; then the reasons the parts give hold or not.</summary>
    private void ApplyParts(DateTimeOffset now)
    {
        if (_battery is { } battery && battery.Clock < now)
        {
            Tell(battery.Advance(now - battery.Clock));
        }

        if (_tamper is { } tamper && tamper.Clock < now)
        {
            Tell(tamper.Advance(now - tamper.Clock));
        }

        if (_valve is { } valve)
        {
            var runs = valve.MotorRuns;
            Tell(valve.Advance(now));
            ChargeMotorRuns(runs);
        }

        HoldPartReasons();
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

    /// <summary>The earliest moment after <paramref name="now"/> a part acts by itself; a step ends there.</summary>
    private DateTimeOffset NextPartEdge(DateTimeOffset now, DateTimeOffset end)
    {
        var edge = end;
        foreach (var at in (ReadOnlySpan<DateTimeOffset?>)[_valve?.NextStepAt, _battery?.NextLevelAt, _tamper?.NextClearAt])
        {
            if (at is { } due && due > now && due < edge)
            {
                edge = due;
            }
        }

        return edge;
    }

    /// <summary>The relay machine decided the supply: a valve meter's valve is asked to follow (rule V1).</summary>
    private void SteerValve()
    {
        if (_valve is not { } valve)
        {
            return;
        }

        var runs = valve.MotorRuns;
        Tell(_registers.OpenReasons != OpenReasons.None ? valve.Close(_registers.Clock, _registers.OpenReasons.ToString()) : valve.Open(_registers.Clock));
        ChargeMotorRuns(runs);
    }

    /// <summary>Rule B1: each run of the valve's motor takes its step off the battery.</summary>
    private void ChargeMotorRuns(int runsBefore)
    {
        if (_battery is not { } battery || _valve is not { } valve)
        {
            return;
        }

        for (var run = runsBefore; run < valve.MotorRuns; run++)
        {
            Tell(battery.MotorRan());
        }

        if (valve.MotorRuns != runsBefore)
        {
            HoldPartReasons();
        }
    }

    /// <summary>The flow that passed in one step, as the sensor sees it: none while the valve is not open (W1–W3).</summary>
    private void PassFlow(DateTimeOffset from, DateTimeOffset to, int litresPerHour)
    {
        if (_flowSensor is not { } sensor || to <= from)
        {
            return;
        }

        _stepFlow.LitresPerHour = litresPerHour;
        Tell(sensor.Advance(to - from, _stepFlow));
    }

    private void Tell(IReadOnlyList<ValveEvent> events)
    {
        foreach (var e in events)
        {
            MeterEventKind? kind = e.Kind switch
            {
                ValveEventKind.MotorStarted => MeterEventKind.ValveMoving,
                ValveEventKind.Closed => MeterEventKind.ValveClosed,
                ValveEventKind.Opened => MeterEventKind.ValveOpened,
                ValveEventKind.DidNotMove => MeterEventKind.ValveDidNotMove,
                ValveEventKind.Stuck => MeterEventKind.ValveStuck,
                ValveEventKind.ExerciseStarted => MeterEventKind.ValveExercise,
                // A dropped retry changes nothing the meter shows: the valve is where it is wanted.
                ValveEventKind.RetryDropped => null,
                _ => throw new InvalidOperationException($"Valve event {e.Kind} has no meter event."),
            };
            if (kind is { } k)
            {
                AddEvent(new MeterEvent(e.At, k, e.Detail));
            }
        }
    }

    private void Tell(IReadOnlyList<BatteryEvent> events)
    {
        foreach (var e in events)
        {
            Tell(e);
        }
    }

    private void Tell(BatteryEvent e) => AddEvent(new MeterEvent(e.At, e.Kind switch
    {
        BatteryEventKind.Low => MeterEventKind.BatteryLow,
        BatteryEventKind.Critical => MeterEventKind.BatteryCritical,
        BatteryEventKind.Changed => MeterEventKind.BatteryChanged,
        _ => throw new InvalidOperationException($"Battery event {e.Kind} has no meter event."),
    }, e.Detail));

    private void Tell(IReadOnlyList<TamperEvent> events)
    {
        foreach (var e in events)
        {
            Tell(e);
        }
    }

    private void Tell(TamperEvent e) => AddEvent(new MeterEvent(e.At, e.Kind switch
    {
        TamperEventKind.Detected => MeterEventKind.TamperDetected,
        TamperEventKind.Cleared => MeterEventKind.TamperCleared,
        TamperEventKind.ClearRefused => MeterEventKind.TamperClearRefused,
        _ => throw new InvalidOperationException($"Tamper event {e.Kind} has no meter event."),
    }, e.Detail));

    private void Tell(IReadOnlyList<FlowEvent> events)
    {
        foreach (var e in events)
        {
            AddEvent(new MeterEvent(e.At, e.Kind == FlowEventKind.LeakDetected ? MeterEventKind.LeakDetected : MeterEventKind.LeakEnded, e.Detail));
        }
    }

    /// <summary>Rule T3: the set card is the tool card that clears a latched tamper (refused while the attack is still on).</summary>
    private void ClearTamperByToolCard()
    {
        if (_tamper is { } tamper && tamper.Latched != TamperFlags.None)
        {
            Tell(tamper.ClearByToolCard());
            HoldPartReasons();
        }
    }

    /// <summary>The parts as `meter show` and the link read them; null for an electricity meter with none.</summary>
    private FlowSideSnapshot? PartsSnapshot() => _flowSensor is null && _valve is null
        ? null
        : new(
            Model.Utility,
            Volume.FromHundredths(_registers.CumulativeEnergy),
            _flowSensor?.Leaking ?? false,
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

    private sealed class StepFlow : FlowProfile
    {
        public int LitresPerHour { get; set; }

        public override int LitresPerHourAt(DateTimeOffset at) => LitresPerHour;

        public override DateTimeOffset? NextChangeAfter(DateTimeOffset at) => null;
    }
}
