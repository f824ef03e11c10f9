using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Certification;

public static partial class CertificationSuite
{
    /// <summary>Rules P1–P4 and S1, for the protections the model declares.</summary>
    private static IEnumerable<CertificationClause> ProtectionClauses(ModelFacts m)
    {
        if (m.Model.PowerLimit is { } limit && m.PowerLimitWatts > 0)
        {
            var over = m.PowerLimitWatts + 1_000;
            var window = TimeSpan.FromSeconds(limit.WindowSeconds + 30);
            var reconnect = TimeSpan.FromSeconds(limit.ReconnectDelaySeconds + 30);
            var untilLockedOut = TimeSpan.FromSeconds(limit.LockoutAfter * (limit.WindowSeconds + limit.ReconnectDelaySeconds + 60));
            yield return m.Clause("P1, P2, P3", "A load over the power limit trips, reconnects after the delay, and locks out until the user card", s => m.Opened(s)
                .Add(StepKind.Consume, ModelFacts.Load(window, over, ModelFacts.OrdinaryPowerFactor),
                    new Expectation { Relay = RelayState.Open, OpenReasons = OpenReasons.OverPower, Events = [MeterEventKind.OverPower] })
                .Add(StepKind.Consume, ModelFacts.Load(reconnect, 100, ModelFacts.OrdinaryPowerFactor),
                    new Expectation { Relay = RelayState.Closed, Events = [MeterEventKind.Reconnected] })
                .Add(StepKind.Consume, ModelFacts.Load(untilLockedOut, over, ModelFacts.OrdinaryPowerFactor),
                    new Expectation { Relay = RelayState.Open, OpenReasons = OpenReasons.LockedOut, Events = [MeterEventKind.LockedOut] })
                .Do(StepKind.Swipe, new Expectation { Result = MeterResult.AlreadyLoaded, Relay = RelayState.Closed, OpenReasons = OpenReasons.None }));
        }

        if (m.Model.MalignantLoad is { } malignant)
        {
            var resistive = malignant.ThresholdWatts + 200;
            yield return m.Clause("P4", "A resistive load trips at once and reconnects after its delay", s => m.Opened(s)
                .Add(StepKind.Consume, ModelFacts.Load(TimeSpan.FromSeconds(60), resistive, 1_000),
                    new Expectation { Relay = RelayState.Open, OpenReasons = OpenReasons.MalignantLoad, Events = [MeterEventKind.MalignantLoad] })
                .Add(StepKind.Consume, ModelFacts.Load(TimeSpan.FromSeconds(malignant.ReconnectDelaySeconds + 60), 100, 1_000),
                    new Expectation { Relay = RelayState.Closed, Events = [MeterEventKind.Reconnected] }));
        }

        if (m.Model.ScheduledTrips.Count > 0)
        {
            var trip = m.Model.ScheduledTrips[0];
            var length = Wrap(trip.To.ToTimeSpan() - trip.From.ToTimeSpan());
            var into = TimeSpan.FromSeconds(Math.Min(30 * 60, length.TotalSeconds / 2));
            var untilInside = Wrap(trip.From.ToTimeSpan() - m.Start.TimeOfDay) + into;
            yield return m.Clause("S1", "The relay is open exactly inside a scheduled trip window", s => m.Opened(s)
                .Add(StepKind.Consume, ModelFacts.Load(untilInside, 100, ModelFacts.OrdinaryPowerFactor),
                    new Expectation { Relay = RelayState.Open, OpenReasons = OpenReasons.Scheduled }, $"inside {trip.From:HH:mm}-{trip.To:HH:mm}")
                .Add(StepKind.Consume, ModelFacts.Load(length - into + TimeSpan.FromMinutes(1), 100, ModelFacts.OrdinaryPowerFactor),
                    new Expectation { Relay = RelayState.Closed, OpenReasons = OpenReasons.None }, "a minute after the window"));
        }
    }

    private static TimeSpan Wrap(TimeSpan span) => span < TimeSpan.Zero ? span + TimeSpan.FromDays(1) : span;
}
