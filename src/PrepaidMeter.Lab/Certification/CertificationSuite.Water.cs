using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Batteries;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Lab.Certification;

/// <summary>
/// The clauses of a water or gas model (docs/water-gas.md M1–M7, W1–W3, B1–B4, tamper T1–T4; docs/valves.md V1–V9): each one
/// judged from outside, through the target seam — flows, a person's acts at the parts, cards — and the meter's registers.
/// </summary>
public static partial class CertificationSuite
{
    /// <summary>A flow that runs the credit down fast: a m³ an hour.</summary>
    private const int FastLitresPerHour = 1_000;

    private static IEnumerable<CertificationClause> WaterClauses(ModelFacts m)
    {
        var model = m.Model;
        var valve = model.Valve;
        var first = m.Preset + m.First;
        var hoursToAlarm2 = (int)Math.Ceiling((first - model.Defaults.Alarm2.Hundredths) / 100.0) + 1;
        yield return m.Clause("M1, W1", "What passes the open valve is counted, 0.01 m³ of credit for 0.01 m³, what is under 10 L carried", s => m.Opened(s)
            .Add(StepKind.Flow, Flowing(TimeSpan.FromHours(2), FastLitresPerHour), new Expectation { CumulativeVolume = 200, RemainingChange = -200 })
            .Add(StepKind.Flow, Flowing(TimeSpan.FromHours(3), 3), new Expectation { CumulativeVolume = 200, RemainingChange = 0 }, "9 L: under a hundredth, carried")
            .Add(StepKind.Flow, Flowing(TimeSpan.FromHours(1), 3), new Expectation { CumulativeVolume = 201, RemainingChange = -1 }, "12 L: a hundredth counted, 2 L carried"));

        if (valve is not null)
        {
            var travel = valve.TravelTime;
            yield return m.Clause("M2, V1, V2, V3", model.Alarm2Trips
                    ? "Alarm 2 closes the valve over its travel time and nothing flows through it; the card opens it"
                    : "Exhausted credit closes the valve over its travel time and nothing flows through it; a purchase opens it",
                s => ValveClosedByCredit(m, m.Opened(s), hoursToAlarm2)
                    .Add(StepKind.Flow, Flowing(TimeSpan.FromHours(1), FastLitresPerHour), new Expectation { RemainingChange = 0, Valve = ValvePosition.Closed }, "nothing through a closed valve")
                    .Add(StepKind.Sell, x => x with { Purchase = m.Purchase(m.Next) })
                    .Do(StepKind.Swipe, new Expectation { Valve = ValvePosition.Opening, OpenReasons = OpenReasons.None })
                    .Add(StepKind.Advance, x => x with { Duration = travel }, new Expectation { Valve = ValvePosition.Open, Events = [MeterEventKind.ValveOpened] }));

            var tries = 1 + valve.Retries;
            var settle = valve.LongestSettle + TimeSpan.FromMinutes(1);
            yield return m.Clause("M3, V5, V6", "A seized valve runs its motor, does not move, retries and raises the stuck alarm; the water that still flows is counted", s => m.Opened(s)
                .Do(StepKind.SeizeValve)
                .Add(StepKind.Flow, Flowing(TimeSpan.FromHours(hoursToAlarm2) + settle, FastLitresPerHour), new Expectation
                {
                    Valve = ValvePosition.StuckOpen, ValveAlarm = true, ValveMotorRuns = tries, Events = [MeterEventKind.ValveDidNotMove, MeterEventKind.ValveStuck],
                }, "the credit passes the level that asks the valve closed, and the retries run out")
                .Add(StepKind.Flow, Flowing(TimeSpan.FromMinutes(10), 600), new Expectation { Valve = ValvePosition.StuckOpen, RemainingChange = -10 },
                    "a valve stuck open passes water, and it is counted: 100 L"));
            yield return m.Clause("V7", "A freed stuck valve stays put while it is wanted where it is stuck, and moves on the next request for the other end, clearing the alarm", s => m.Opened(s)
                .Do(StepKind.SeizeValve)
                .Add(StepKind.Flow, Flowing(TimeSpan.FromHours(hoursToAlarm2) + settle, FastLitresPerHour), new Expectation { Valve = ValvePosition.StuckOpen, ValveAlarm = true })
                .Do(StepKind.FreeValve)
                .Add(StepKind.Remote, x => x with { Command = RemoteCommand.Trip }, new Expectation { Valve = ValvePosition.Closed, ValveAlarm = false, Events = [MeterEventKind.ValveClosed] },
                    "a trip over CJ/T 188 is answered once the valve has stopped"));

            if (valve.ExerciseInterval is { } interval)
            {
                yield return m.Clause("M6, V9", "A valve that has not moved for its exercise interval is closed and reopened: two motor runs, the supply cut for two travel times", s => m.Opened(s)
                    .Add(StepKind.Advance, x => x with { Duration = interval - TimeSpan.FromDays(1) }, new Expectation { ValveMotorRuns = 0, Valve = ValvePosition.Open })
                    .Add(StepKind.Advance, x => x with { Duration = TimeSpan.FromDays(2) }, new Expectation
                    {
                        ValveMotorRuns = 2, Valve = ValvePosition.Open, RemainingChange = 0, Events = [MeterEventKind.ValveExercise, MeterEventKind.ValveClosed, MeterEventKind.ValveOpened],
                    }));
            }
        }

        foreach (var clause in LeakClauses(m))
        {
            yield return clause;
        }

        foreach (var clause in BatteryClauses(m))
        {
            yield return clause;
        }

        foreach (var clause in TamperClauses(m))
        {
            yield return clause;
        }
    }

    /// <summary>The credit run down until the valve is asked closed: alarm 2 where it trips, else the credit exhausted.</summary>
    private static StepList ValveClosedByCredit(ModelFacts m, StepList steps, int hoursToAlarm2)
    {
        if (m.Model.Alarm2Trips)
        {
            return steps.Add(StepKind.Flow, Flowing(TimeSpan.FromHours(hoursToAlarm2), FastLitresPerHour), new Expectation
            {
                Remaining = m.Model.Defaults.Alarm2.Hundredths, OpenReasons = OpenReasons.Alarm2, Valve = ValvePosition.Closed,
                Events = [MeterEventKind.ValveMoving, MeterEventKind.ValveClosed],
            });
        }

        var hours = (int)Math.Ceiling((m.Preset + m.First + m.Model.Defaults.OverdraftLimit.Hundredths) / 100.0) + 1;
        return steps.Add(StepKind.Flow, Flowing(TimeSpan.FromHours(hours), FastLitresPerHour), new Expectation
        {
            OpenReasons = OpenReasons.CreditExhausted, Valve = ValvePosition.Closed, Events = [MeterEventKind.ValveMoving, MeterEventKind.ValveClosed],
        });
    }

    private static IEnumerable<CertificationClause> LeakClauses(ModelFacts m)
    {
        var leak = m.Model.Leak;
        if (leak is null)
        {
            yield break;
        }

        var window = leak.ContinuousFor;
        yield return m.Clause("W2, W3, M6", "A flow at the leak rule's minimum for its whole window is flagged, as an alarm only; the flag falls with the flow", s => m.Opened(s)
            .Add(StepKind.Flow, Flowing(window - TimeSpan.FromMinutes(1), leak.MinimumLitresPerHour), new Expectation { Leaking = false })
            .Add(StepKind.Flow, Flowing(TimeSpan.FromMinutes(2), leak.MinimumLitresPerHour), new Expectation
            {
                Leaking = true, Valve = m.Model.Valve is null ? null : ValvePosition.Open, OpenReasons = OpenReasons.None, Events = [MeterEventKind.LeakDetected],
            })
            .Add(StepKind.Advance, x => x with { Duration = TimeSpan.FromMinutes(1) }, new Expectation { Leaking = false, Events = [MeterEventKind.LeakEnded] }));
        if (leak.MinimumLitresPerHour > 1)
        {
            yield return m.Clause("W2", "A flow under the leak rule's minimum is counted, and is no leak", s => m.Opened(s)
                .Add(StepKind.Flow, Flowing(window + TimeSpan.FromHours(1), leak.MinimumLitresPerHour - 1), new Expectation { Leaking = false }));
        }
    }

    private static IEnumerable<CertificationClause> BatteryClauses(ModelFacts m)
    {
        if (m.Model.Battery is not { } battery)
        {
            yield break;
        }

        var days = 10;
        var after = (int)(((battery.FreshMillivolts * 1000L) - (days * battery.MicrovoltsPerDay)) / 1000);
        yield return m.Clause("B1", "The battery's voltage falls evenly with time", s => m.Opened(s)
            .Add(StepKind.Advance, x => x with { Duration = TimeSpan.FromDays(days) }, new Expectation { BatteryMillivolts = after, Battery = BatteryLevel.Normal }));

        // The days the drain at rest takes to reach a level: the valve's exercise runs only bring it sooner, so the first
        // step stops a day short of the earliest it could be reached and the second goes past the latest.
        var toLow = DaysTo(battery, battery.LowMillivolts);
        var toCritical = DaysTo(battery, battery.CriticalMillivolts);
        yield return m.Clause("B2, B3, M5, B4", "Low is an alarm only; at the critical level the valve closes so it cannot fail open; a fresh battery opens it", s => m.Opened(s)
            .Add(StepKind.Advance, x => x with { Duration = TimeSpan.FromDays(toLow) }, new Expectation
            {
                Battery = BatteryLevel.Low, OpenReasons = OpenReasons.None, Events = [MeterEventKind.BatteryLow],
            })
            .Add(StepKind.Advance, x => x with { Duration = TimeSpan.FromDays(toCritical - toLow) }, new Expectation
            {
                Battery = BatteryLevel.Critical, OpenReasons = OpenReasons.BatteryCritical, Valve = m.Model.Valve is null ? null : ValvePosition.Closed,
                Events = [MeterEventKind.BatteryCritical],
            })
            .Add(StepKind.ChangeBattery, expect: new Expectation { Battery = BatteryLevel.Normal, OpenReasons = OpenReasons.None, Events = [MeterEventKind.BatteryChanged] }));
    }

    private static int DaysTo(BatteryRule battery, int millivolts) =>
        (int)Math.Ceiling((battery.FreshMillivolts - millivolts) * 1000.0 / Math.Max(1, battery.MicrovoltsPerDay)) + 1;

    private static IEnumerable<CertificationClause> TamperClauses(ModelFacts m)
    {
        if (m.Model.Tamper is not { } tamper)
        {
            yield break;
        }

        yield return m.Clause("tamper T1, tamper T3, M4", "A magnet latches tamper and closes the valve; the tool card is refused while it is on and clears the latch after", s => m.Opened(s)
            .Add(StepKind.ApplyMagnet, expect: new Expectation
            {
                TamperLatched = TamperFlags.Magnet, TamperActive = TamperFlags.Magnet, OpenReasons = OpenReasons.Tamper, Events = [MeterEventKind.TamperDetected],
            })
            .Add(StepKind.ToolCard, x => x with { ToolKind = Cards.Records.CardKind.Set }, new Expectation { TamperLatched = TamperFlags.Magnet, Events = [MeterEventKind.TamperClearRefused] })
            .Add(StepKind.RemoveMagnet, expect: new Expectation { TamperActive = TamperFlags.None, TamperLatched = TamperFlags.Magnet, OpenReasons = OpenReasons.Tamper })
            .Add(StepKind.Flow, Flowing(TimeSpan.FromHours(1), FastLitresPerHour), new Expectation { RemainingChange = 0, TamperLatched = TamperFlags.Magnet })
            .Add(StepKind.ToolCard, x => x with { ToolKind = Cards.Records.CardKind.Set }, new Expectation
            {
                TamperLatched = TamperFlags.None, OpenReasons = OpenReasons.None, Events = [MeterEventKind.TamperCleared],
            }));
        yield return m.Clause("tamper T2", tamper.HasCaseSwitch ? "An opened case latches tamper (the model has a case switch)" : "An opened case changes nothing (the model has no case switch)",
            s => m.Opened(s)
                .Add(StepKind.OpenCase, expect: tamper.HasCaseSwitch
                    ? new Expectation { TamperLatched = TamperFlags.Case, OpenReasons = OpenReasons.Tamper, Events = [MeterEventKind.TamperDetected] }
                    : new Expectation { TamperLatched = TamperFlags.None, OpenReasons = OpenReasons.None })
                .Do(StepKind.CloseCase, new Expectation { TamperActive = TamperFlags.None, TamperLatched = tamper.HasCaseSwitch ? TamperFlags.Case : TamperFlags.None }));
        if (tamper.ClearsAfterQuiet is { } quiet)
        {
            yield return m.Clause("tamper T4", "The latch clears by itself once the attacks have been off for the quiet period", s => m.Opened(s)
                .Do(StepKind.ApplyMagnet)
                .Do(StepKind.RemoveMagnet)
                .Add(StepKind.Advance, x => x with { Duration = quiet - TimeSpan.FromSeconds(1) }, new Expectation { TamperLatched = TamperFlags.Magnet })
                .Add(StepKind.Advance, x => x with { Duration = TimeSpan.FromSeconds(2) }, new Expectation { TamperLatched = TamperFlags.None, Events = [MeterEventKind.TamperCleared] }));
        }

        yield return m.Clause("M7", "A power cut keeps the latch: the meter restarts from its NVRAM with it", s => m.Opened(s)
            .Do(StepKind.ApplyMagnet)
            .Do(StepKind.RemoveMagnet)
            .Do(StepKind.CutPower)
            .Do(StepKind.RestorePower, new Expectation { TamperLatched = TamperFlags.Magnet, OpenReasons = OpenReasons.Tamper }));
    }

    private static Func<ScenarioStep, ScenarioStep> Flowing(TimeSpan duration, int litresPerHour) =>
        x => x with { Duration = duration, Flow = FlowProfile.Constant(litresPerHour), FlowText = $"{litresPerHour} L/h" };
}
