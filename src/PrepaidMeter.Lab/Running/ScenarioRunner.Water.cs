using PrepaidMeter.Core;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;

namespace PrepaidMeter.Lab.Running;

/// <summary>The steps and checks of a water or gas meter (docs/water-gas.md): a flow through it, a person at its parts, its own registers.</summary>
public sealed partial class ScenarioRunner
{
    /// <summary>Whether the scenario's meters measure water or gas: time passes under a flow at them, not a load.</summary>
    private bool MeasuresFlow => _scenario.Model.Utility != Core.Utility.Electricity;

    /// <summary>A flow step: the account's meter draws the flow (and the leak from now on), every other meter none.</summary>
    private Task<StepOutcome> FlowAsync(ScenarioStep step, MeterSnapshot before, CancellationToken cancellationToken)
    {
        var flow = step.LeakLitresPerHour is { } leak ? step.Flow!.WithLeak(leak, _site.Time.GetUtcNow()) : step.Flow!;
        return PassTimeAsync(step.Duration!.Value, flow, step.FlowText!, before, cancellationToken);
    }

    /// <summary>A person at the account's meter: a magnet, the case, the battery, or the valve seizing or freed.</summary>
    private async Task<StepOutcome> ActAsync(PartAct act, CancellationToken cancellationToken)
    {
        var events = await _target.ActAsync(_meter, act, cancellationToken);
        var told = events.Count == 0 ? "nothing logged" : string.Join("; ", events.Select(e => e.Kind).Distinct());
        return new($"{act.Name()} at meter {_meter}: {told}", Events: events.Count > 0 ? events : null);
    }

    /// <summary>Time passing at one meter: under a flow at a water or gas meter, under a load at an electricity one.</summary>
    private Task<TimePassed> PassAsync(MeterNumber meter, TimeSteps steps, object drawn, CancellationToken cancellationToken) => drawn switch
    {
        FlowProfile flow => _target.FlowAsync(meter, steps, flow, cancellationToken),
        Meter.Load.LoadProfile load => _target.AdvanceAsync(meter, steps, load, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(drawn), drawn, "Neither a flow nor a load."),
    };

    /// <summary>What the meter counted between two readings: kWh at an electricity meter, m³ at a water or gas one.</summary>
    private static string Used(MeterSnapshot before, MeterSnapshot after) => after.Flow is { } flow && before.Flow is { } was
        ? (flow.CumulativeVolume - was.CumulativeVolume).ToString()
        : (after.CumulativeEnergy - before.CumulativeEnergy).ToString();

    /// <summary>The water or gas meter's own registers the step expects (FlowSideSnapshot).</summary>
    private void CheckFlowSide(List<Check> checks, Expectation expect, MeterSnapshot meter)
    {
        var seen = _target.Observes.HasFlag(MeterFacts.FlowSide);
        var flow = meter.Flow;
        void Add(string what, string? expected, Func<FlowSideSnapshot, string> actual)
        {
            if (expected is null)
            {
                return;
            }

            checks.Add(!seen ? Check.NotObservable(what, expected, _target.Name)
                : new(what, expected, flow is null ? "no such register (an electricity meter)" : actual(flow)));
        }

        Add("valve", expect.Valve is { } valve ? Name(valve) : null, f => f.Valve is { } at ? Name(at) : "no valve (a relay)");
        Add("valveAlarm", expect.ValveAlarm is { } alarm ? OnOff(alarm) : null, f => OnOff(f.ValveAlarm));
        Add("valveMotorRuns", expect.ValveMotorRuns is { } runs ? Count(runs) : null, f => Count(f.ValveMotorRuns));
        Add("battery", expect.Battery is { } level ? Name(level) : null, f => f.Battery is { } b ? Name(b) : "no battery (mains)");
        Add("batteryMillivolts", expect.BatteryMillivolts is { } mv ? Count(mv) : null, f => f.BatteryMillivolts is { } v ? Count(v) : "no battery (mains)");
        Add("tamperLatched", expect.TamperLatched is { } latched ? Name(latched) : null, f => Name(f.TamperLatched));
        Add("tamperActive", expect.TamperActive is { } active ? Name(active) : null, f => Name(f.TamperActive));
        Add("leaking", expect.Leaking is { } leaking ? YesNo(leaking) : null, f => YesNo(f.Leaking));
        Add("cumulativeVolume", expect.CumulativeVolume is { } volume ? FixedPoint(volume) : null, f => FixedPoint(f.CumulativeVolume.Hundredths));
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
