using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Models;
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
        else
        {
            yield return m.Clause("A1, A2", "Falling credit warns at alarm 1 and passes alarm 2 without tripping; only exhaustion opens the relay", s => m.Opened(s)
                .Add(StepKind.Consume, m.Heavy(RunDown), new Expectation
                {
                    Relay = RelayState.Open, OpenReasons = OpenReasons.CreditExhausted, CreditState = CreditState.Exhausted,
                    Events = [MeterEventKind.Alarm1, MeterEventKind.CreditExhausted],
                }, "the relay stayed closed through alarm 2, or the credit would have waited there"));
        }

        yield return m.Clause("A3", "Exhausted credit opens the relay; a purchase closes it", s => Exhaust(m, m.Opened(s))
            .Add(StepKind.Sell, x => x with { Purchase = m.Purchase(m.Restore) })
            .Do(StepKind.Swipe, new Expectation { Result = MeterResult.Loaded, RemainingChange = m.Restore, Relay = RelayState.Closed }));

        yield return m.Clause("R4", "Keep-power-on holds supply while credit is exhausted; keep-power-off applies A3 at once", s => DownToAlarm2(m,
                m.Opened(s).Add(StepKind.Remote, x => x with { Command = RemoteCommand.KeepPowerOn }))
            .Add(StepKind.Consume, m.Heavy(RunDown), new Expectation { CreditState = CreditState.Exhausted, Relay = RelayState.Closed, OpenReasons = OpenReasons.None })
            .Add(StepKind.Remote, x => x with { Command = RemoteCommand.KeepPowerOff }, new Expectation { Relay = RelayState.Open, OpenReasons = OpenReasons.CreditExhausted }));

        if (m.Model.FriendlyPeriods is { } friendly)
        {
            // Exhausted in the day; then into the next friendly period and out of it again, a minute past each edge.
            var exhaustedAt = m.Start + ((m.Model.Alarm2Trips ? 2 : 1) * RunDown);
            // Edges of adjoining windows (a night running into a weekend) are passed over: the period is where Contains holds.
            var opens = Edge(friendly, exhaustedAt, inside: true);
            var closes = Edge(friendly, opens, inside: false);
            var inside = opens.AddMinutes(1);
            var after = closes.AddMinutes(1);
            OpenReasons Scheduled(DateTimeOffset at) => m.Model.ScheduledTrips.Any(w => w.Contains(at)) ? OpenReasons.Scheduled : OpenReasons.None;
            yield return m.Clause("F1", "Inside a friendly period exhausted credit does not open the relay; when it ends A3 applies at once", s => Exhaust(m, m.Opened(s))
                .Add(StepKind.Advance, x => x with { Duration = inside - exhaustedAt },
                    new Expectation { CreditState = CreditState.Exhausted, OpenReasons = Scheduled(inside) }, $"{inside:ddd HH:mm}, inside the friendly period")
                .Add(StepKind.Advance, x => x with { Duration = after - inside },
                    new Expectation { Relay = RelayState.Open, OpenReasons = OpenReasons.CreditExhausted | Scheduled(after) }, $"{after:ddd HH:mm}, a minute after it"));
        }

        if (m.Model.EmergencyCredit.Hundredths > 0)
        {
            yield return m.Clause("E1, E2", "Emergency credit is lent once when credit is exhausted and repaid from the next purchase", s => Exhaust(m, m.Opened(s))
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.EmergencyCreditGranted, RemainingChange = m.Model.EmergencyCredit.Hundredths, Events = [MeterEventKind.EmergencyCredit] })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.AlreadyLoaded, RemainingChange = 0 }, "lent once until repaid")
                .Add(StepKind.Sell, x => x with { Purchase = m.Purchase(m.Restore) })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.Loaded, RemainingChange = m.Restore - m.Model.EmergencyCredit.Hundredths }));
        }
    }

    /// <summary>Runs the credit down to exhausted, restoring an alarm-2 trip on the way.</summary>
    private static StepList Exhaust(ModelFacts m, StepList steps) =>
        DownToAlarm2(m, steps).Add(StepKind.Consume, m.Heavy(RunDown), new Expectation
        {
            Relay = RelayState.Open, OpenReasons = OpenReasons.CreditExhausted, CreditState = CreditState.Exhausted, Events = [MeterEventKind.CreditExhausted],
        });

    /// <summary>The first edge after <paramref name="from"/> past which the clock is inside (or outside) a friendly period.</summary>
    private static DateTimeOffset Edge(FriendlyPeriods friendly, DateTimeOffset from, bool inside)
    {
        var edge = from;
        for (var i = 0; i < 100; i++)
        {
            edge = friendly.NextEdgeAfter(edge);
            if (friendly.Contains(edge.AddMinutes(1)) == inside)
            {
                return edge;
            }
        }

        throw new InvalidOperationException("The model's friendly periods never change within 100 edges.");
    }

    /// <summary>Where the model trips at alarm 2: down to it, and the user card restoring supply.</summary>
    private static StepList DownToAlarm2(ModelFacts m, StepList steps) => !m.Model.Alarm2Trips ? steps
        : steps.Add(StepKind.Consume, m.Heavy(RunDown), new Expectation { OpenReasons = OpenReasons.Alarm2 })
            .Do(StepKind.Swipe, new Expectation { Relay = RelayState.Closed });
}
