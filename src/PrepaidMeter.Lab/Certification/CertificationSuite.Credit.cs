using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Certification;

public static partial class CertificationSuite
{
    /// <summary>Four weeks: long enough for the heavy load to run any purchase down, and the same weekday and hour again.</summary>
    private static readonly TimeSpan RunDown = TimeSpan.FromDays(28);

    /// <summary>Rules A1–A3, U7, E1 and E2: credit running down through the levels and back up.</summary>
    private static IEnumerable<CertificationClause> CreditClauses(ModelFacts m)
    {
        if (m.Model.Alarm2Trips)
        {
            yield return m.Clause("A1, A2, U7", "Falling credit warns at alarm 1 and trips once at alarm 2; the user card restores supply", s => m.Opened(s)
                .Add(StepKind.Consume, m.Heavy(RunDown), new Expectation
                {
                    Relay = RelayState.Open, OpenReasons = OpenReasons.Alarm2, CreditState = CreditState.Alarm2, Events = [MeterEventKind.Alarm1, MeterEventKind.Alarm2],
                }, "an open relay stops consumption, so the credit waits at alarm 2")
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.AlreadyLoaded, Relay = RelayState.Closed, OpenReasons = OpenReasons.None }));
        }

        yield return m.Clause("A3", "Exhausted credit opens the relay; a purchase closes it", s => Exhaust(m, m.Opened(s))
            .Add(StepKind.Sell, x => x with { Purchase = m.Purchase(m.Restore) })
            .Do(StepKind.Swipe, new Expectation { Result = MeterResult.Loaded, RemainingChange = m.Restore, Relay = RelayState.Closed }));

        if (m.Model.EmergencyCredit > 0)
        {
            yield return m.Clause("E1, E2", "Emergency credit is lent once when credit is exhausted and repaid from the next purchase", s => Exhaust(m, m.Opened(s))
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.EmergencyCreditGranted, RemainingChange = m.Model.EmergencyCredit, Events = [MeterEventKind.EmergencyCredit] })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.AlreadyLoaded, RemainingChange = 0 }, "lent once until repaid")
                .Add(StepKind.Sell, x => x with { Purchase = m.Purchase(m.Restore) })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.Loaded, RemainingChange = m.Restore - m.Model.EmergencyCredit }));
        }
    }

    /// <summary>Runs the credit down to exhausted, restoring an alarm-2 trip on the way.</summary>
    private static StepList Exhaust(ModelFacts m, StepList steps)
    {
        if (m.Model.Alarm2Trips)
        {
            steps = steps.Add(StepKind.Consume, m.Heavy(RunDown), new Expectation { OpenReasons = OpenReasons.Alarm2 })
                .Do(StepKind.Swipe, new Expectation { Relay = RelayState.Closed });
        }

        return steps.Add(StepKind.Consume, m.Heavy(RunDown), new Expectation
        {
            Relay = RelayState.Open, OpenReasons = OpenReasons.CreditExhausted, CreditState = CreditState.Exhausted, Events = [MeterEventKind.CreditExhausted],
        });
    }
}
