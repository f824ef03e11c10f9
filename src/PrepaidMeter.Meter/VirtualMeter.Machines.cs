using PrepaidMeter.Meter.State;
using Stateless;
using Stateless.Reflection;

namespace PrepaidMeter.Meter;

/// <summary>
/// The three Stateless machines, private to the meter (the Stateless Bug example): life cycle,
/// credit state, relay. Their state lives in the registers, so an NVRAM restore restores them too.
/// </summary>
public sealed partial class VirtualMeter
{
    private enum LifeTrigger
    {
        SetCard,
        BindCustomer,
        Clear,
    }

    private enum CreditTrigger
    {
        Reclassify,
    }

    private enum RelayTrigger
    {
        Evaluate,
    }

    private StateMachine<LifeCycle, LifeTrigger> _life = null!;
    private StateMachine<CreditState, CreditTrigger> _credit = null!;
    private StateMachine<RelayState, RelayTrigger> _relay = null!;

    private void BuildMachines()
    {
        _life = new(() => _registers.LifeCycle, s => _registers.LifeCycle = s);
        _life.Configure(LifeCycle.New)
            .Permit(LifeTrigger.SetCard, LifeCycle.Configured)
            .PermitReentry(LifeTrigger.Clear);
        _life.Configure(LifeCycle.Configured)
            .Ignore(LifeTrigger.SetCard)
            .Permit(LifeTrigger.BindCustomer, LifeCycle.Bound)
            .Permit(LifeTrigger.Clear, LifeCycle.New);
        _life.Configure(LifeCycle.Bound)
            .Ignore(LifeTrigger.SetCard)
            .Ignore(LifeTrigger.BindCustomer)
            .Permit(LifeTrigger.Clear, LifeCycle.New);

        _credit = new(() => _registers.CreditState, s => _registers.CreditState = s);
        // One dynamic transition per state rather than a guarded one per destination: Stateless evaluates every
        // guard of every permitted transition on each fire, and credit is reclassified after every load and
        // consumption step (tools/bench.sh '*Fleet*'). Reclassify fires only when the class changed, so the
        // destinations a state can reach are the other four.
        foreach (var source in Enum.GetValues<CreditState>())
        {
            var destinations = new DynamicStateInfos();
            foreach (var destination in Enum.GetValues<CreditState>().Where(d => d != source))
            {
                destinations.Add(destination, GuardText(destination));
            }

            _credit.Configure(source).PermitDynamic(CreditTrigger.Reclassify, Classify, "classify remaining (rules A1-A3)", destinations);
        }

        _credit.OnTransitioned(t => OnCreditChanged(t.Source, t.Destination));

        _relay = new(() => _registers.Relay, s => _registers.Relay = s);
        _relay.Configure(RelayState.Closed)
            .PermitIf(RelayTrigger.Evaluate, RelayState.Open, () => _registers.OpenReasons != OpenReasons.None, "an open reason holds")
            .IgnoreIf(RelayTrigger.Evaluate, () => _registers.OpenReasons == OpenReasons.None, "no open reason");
        _relay.Configure(RelayState.Open)
            .PermitIf(RelayTrigger.Evaluate, RelayState.Closed, () => _registers.OpenReasons == OpenReasons.None, "no open reason")
            .IgnoreIf(RelayTrigger.Evaluate, () => _registers.OpenReasons != OpenReasons.None, "an open reason holds");
        _relay.OnTransitioned(t =>
        {
            if (_valve is null)
            {
                AddEvent(t.Destination == RelayState.Open ? MeterEventKind.RelayOpened : MeterEventKind.RelayClosed,
                    t.Destination == RelayState.Open ? _registers.OpenReasons.ToString() : "no open reason");
            }
            else
            {
                // A valve meter logs what its valve does (ValveMoving names the reasons), not a relay it does not have.
                SteerValve();
            }
        });

        // Every trigger above is handled in every state; reaching this is a bug in the meter, not a user error.
        _life.OnUnhandledTrigger((s, t) => throw new InvalidOperationException($"Life cycle: {t} in {s}."));
    }

    private static string GuardText(CreditState destination) => destination switch
    {
        CreditState.Normal => "remaining > alarm1",
        CreditState.Low => "alarm2 < remaining <= alarm1",
        CreditState.Alarm2 => "0 < remaining <= alarm2",
        CreditState.Overdraft => "-overdraft < remaining <= 0",
        _ => "remaining <= exhausted threshold",
    };

    /// <summary>Rules A1–A3: the credit state remaining puts the meter in.</summary>
    private CreditState Classify()
    {
        var r = _registers.Remaining;
        var p = _registers.Parameters;
        if (r <= ExhaustedThreshold)
        {
            return CreditState.Exhausted;
        }

        return r <= 0 ? CreditState.Overdraft
            : r <= p.Alarm2.Hundredths ? CreditState.Alarm2
            : r <= p.Alarm1.Hundredths ? CreditState.Low
            : CreditState.Normal;
    }

    private long ExhaustedThreshold => Model.OverdraftAllowed ? -_registers.Parameters.OverdraftLimit.Hundredths : 0;

    private void Reclassify()
    {
        // The machine decides every transition; it is only asked when the classification changed,
        // because consumption reclassifies at every step and most steps change nothing.
        if (Classify() != _registers.CreditState)
        {
            _credit.Fire(CreditTrigger.Reclassify);
        }

        if (_registers.Remaining > _registers.Parameters.Alarm2.Hundredths)
        {
            _registers.Alarm2Tripped = false;
        }

        // A3, R4, F1: exhausted opens the relay unless keep-power-on or a friendly period holds it.
        SetReason(OpenReasons.CreditExhausted, _registers.CreditState == CreditState.Exhausted && !_registers.KeepPowerOn && !InFriendlyPeriod);
    }

    private void OnCreditChanged(CreditState source, CreditState destination)
    {
        if (destination == CreditState.Low && source == CreditState.Normal)
        {
            AddEvent(MeterEventKind.Alarm1, $"remaining {Amount(_registers.Remaining)} at or below alarm 1");
        }

        if (destination >= CreditState.Alarm2 && source < CreditState.Alarm2 && Model.Alarm2Trips && !_registers.Alarm2Tripped)
        {
            _registers.Alarm2Tripped = true;
            AddEvent(MeterEventKind.Alarm2, $"remaining {Amount(_registers.Remaining)} at or below alarm 2: {(_valve is null ? "relay trips" : "valve closes")} until a card is inserted");
            SetReason(OpenReasons.Alarm2, true);
        }

        if (destination == CreditState.Exhausted)
        {
            AddEvent(MeterEventKind.CreditExhausted, $"remaining {Amount(_registers.Remaining)}");
        }
    }

    /// <summary>Intent method for every relay rule: a reason starts or stops holding.</summary>
    private void SetReason(OpenReasons reason, bool holds)
    {
        var reasons = holds ? _registers.OpenReasons | reason : _registers.OpenReasons & ~reason;
        var wasOpen = _registers.Relay == RelayState.Open;
        var changed = reasons != _registers.OpenReasons;
        _registers.OpenReasons = reasons;
        if (wasOpen != (reasons != OpenReasons.None))
        {
            _relay.Fire(RelayTrigger.Evaluate);
        }
        else if (changed && wasOpen && _valve is not null)
        {
            // The valve stays asked closed, for reasons that changed: it is told them (a retry's words name them).
            SteerValve();
        }
    }

    /// <summary>The three machines as Mermaid state diagrams, generated from the code for docs/meter-states.md.</summary>
    internal string[] MachineDiagrams() =>
    [
        Stateless.Graph.MermaidGraph.Format(_life.GetInfo()),
        Stateless.Graph.MermaidGraph.Format(_credit.GetInfo()),
        Stateless.Graph.MermaidGraph.Format(_relay.GetInfo()),
    ];
}
