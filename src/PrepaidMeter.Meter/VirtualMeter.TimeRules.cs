using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter;

public sealed partial class VirtualMeter
{
    /// <summary>
    /// Rules P1–P4 and S1, applied at the start of every consumption step (steps begin at every load
    /// change and at every edge <see cref="NextTimeRuleEdge"/> names, so nothing is missed between them).
    /// </summary>
    private void ApplyTimeRules(DateTimeOffset now, LoadProfile load)
    {
        var day = (int)(now.ToUnixTimeSeconds() / 86_400);
        if (day != _registers.TripsDay)
        {
            _registers.TripsDay = day;
            _registers.TripsToday = 0;
        }

        if (_registers.ReconnectAt is { } reconnect && now >= reconnect)
        {
            _registers.ReconnectAt = null;
            _registers.OpenReasons &= ~OpenReasons.MalignantLoad;
            SetReason(OpenReasons.OverPower, false);
            AddEvent(MeterEventKind.Reconnected, "reconnect delay over");
        }

        ApplySchedule(now);
        if (Model.FriendlyPeriods is not null)
        {
            Reclassify(); // F1: whether exhaustion opens the relay depends on the time
        }

        if (_registers.Relay == RelayState.Open || (Model.MalignantLoad is null && Model.PowerLimit is null))
        {
            // No current flows through an open relay, so nothing is over any limit; and a model without
            // the load rules need not look at the load (this runs at every consumption step).
            _registers.OverPowerSince = null;
            return;
        }

        var watts = load.WattsAt(now);
        if (Model.MalignantLoad is { } malignant && watts >= malignant.ThresholdWatts && load.PowerFactorAt(now) >= malignant.MinPowerFactorThousandths)
        {
            AddEvent(MeterEventKind.MalignantLoad, $"{watts} W at power factor {load.PowerFactorAt(now) / 1000m:0.000}: a resistive load");
            _registers.ReconnectAt = now.AddSeconds(malignant.ReconnectDelaySeconds);
            _registers.OverPowerSince = null;
            SetReason(OpenReasons.MalignantLoad, true);
            return;
        }

        var limit = _registers.Parameters.PowerLimitWatts;
        if (Model.PowerLimit is not { } rule || limit == 0 || watts <= limit)
        {
            _registers.OverPowerSince = null;
            return;
        }

        _registers.OverPowerSince ??= now;
        if (now < _registers.OverPowerSince.Value.AddSeconds(rule.WindowSeconds))
        {
            return;
        }

        _registers.OverPowerSince = null;
        _registers.TripsToday++;
        if (_registers.TripsToday >= rule.LockoutAfter)
        {
            AddEvent(MeterEventKind.LockedOut, $"{_registers.TripsToday} over-power trips today: locked out until a user card");
            _registers.ReconnectAt = null;
            SetReason(OpenReasons.LockedOut, true);
        }
        else
        {
            AddEvent(MeterEventKind.OverPower, $"{watts} W over the {limit} W limit for {rule.WindowSeconds} s");
            _registers.ReconnectAt = now.AddSeconds(rule.ReconnectDelaySeconds);
            SetReason(OpenReasons.OverPower, true);
        }
    }

    /// <summary>Rule S1: the relay is open exactly while the clock is inside a scheduled window — also right after a clear card.</summary>
    private void ApplySchedule(DateTimeOffset now)
    {
        if (Model.ScheduledTrips.Count == 0)
        {
            return;
        }

        var scheduled = false;
        var windows = Model.ScheduledTrips;
        for (var i = 0; i < windows.Count; i++)
        {
            scheduled |= windows[i].Contains(now);
        }

        SetReason(OpenReasons.Scheduled, scheduled);
    }

    /// <summary>The next moment a time rule can change the relay: a window edge, a reconnect, the end of an over-power window, a friendly edge.</summary>
    private DateTimeOffset NextTimeRuleEdge(DateTimeOffset now)
    {
        var next = DateTimeOffset.MaxValue;
        if (_registers.ReconnectAt is { } reconnect)
        {
            next = Min(next, reconnect);
        }

        if (_registers.OverPowerSince is { } since && Model.PowerLimit is { } rule)
        {
            next = Min(next, since.AddSeconds(rule.WindowSeconds));
        }

        // An indexed loop: this runs at every consumption step, and foreach over the list interface allocates.
        var windows = Model.ScheduledTrips;
        for (var i = 0; i < windows.Count; i++)
        {
            next = Min(next, windows[i].NextEdgeAfter(now));
        }

        if (Model.FriendlyPeriods is { } friendly)
        {
            next = Min(next, friendly.NextEdgeAfter(now));
        }

        if (Model.PowerLimit is not null)
        {
            // The trip count restarts with the UTC day.
            next = Min(next, now - now.UtcDateTime.TimeOfDay + TimeSpan.FromDays(1));
        }

        return next;
    }

    private bool InFriendlyPeriod => Model.FriendlyPeriods?.Contains(_registers.Clock) ?? false;
}
