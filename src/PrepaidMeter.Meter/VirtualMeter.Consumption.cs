using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Meter;

public sealed partial class VirtualMeter
{
    /// <summary>36 000 W·s make a hundredth of a kWh.</summary>
    private const long WattSecondsPerHundredth = 36_000;

    /// <summary>
    /// Moves the meter's clock forward under a load (rules K1–K4), jumping from event to event — the
    /// next credit threshold, the next load change, the next month — and returns what happened.
    /// Whole seconds; a meter without power only lets time pass.
    /// </summary>
    /// <exception cref="InvalidOperationException">The meter measures water or gas (it is advanced under a flow).</exception>
    public IReadOnlyList<MeterEvent> Advance(TimeSpan duration, LoadProfile load)
    {
        ArgumentNullException.ThrowIfNull(load);
        RequireMeasuresFlow(flow: false);
        return AdvanceUnder(duration, load);
    }

    /// <summary>The consumption loop for a load or, read as one, a flow (<see cref="FlowAsRate"/>).</summary>
    private List<MeterEvent> AdvanceUnder(TimeSpan duration, LoadProfile load)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var events = new List<MeterEvent>();
        var end = WholeSeconds.After(_registers.Clock, duration);
        if (!IsPowered)
        {
            _registers.Clock = end;
            return events;
        }

        _collecting = events;
        try
        {
            while (_registers.Clock < end)
            {
                Step(end, load);
            }

            // The time rules describe the instant the meter stops at, too (a window edge may be that instant).
            ApplyParts(end);
            ApplyTimeRules(end, load);
            // W3 (and a W2 window opening) at the second the advance ends, so the flag never outlives the flow it flags.
            LookForLeak(end, SupplyFlows ? load.WattsAt(end) : 0);
        }
        finally
        {
            _collecting = null;
        }

        Commit();
        return events;
    }

    /// <summary>
    /// Lets <paramref name="steps"/> pass piece by piece, each piece one <see cref="Advance(TimeSpan, LoadProfile)"/>, reading the
    /// registers between pieces when the steps are sampled: what the lab asks of a meter in one go.
    /// </summary>
    public TimePassed Advance(TimeSteps steps, LoadProfile load)
    {
        ArgumentNullException.ThrowIfNull(load);
        RequireMeasuresFlow(flow: false);
        return AdvanceUnder(steps, load);
    }

    private TimePassed AdvanceUnder(TimeSteps steps, LoadProfile load)
    {
        var events = new List<MeterEvent>();
        var samples = new List<MeterSample>(steps.Sampled ? steps.Pieces - 1 : 0);
        var left = steps.Pieces;
        foreach (var piece in steps.Each())
        {
            events.AddRange(AdvanceUnder(piece, load));
            if (--left > 0 && steps.Sampled)
            {
                samples.Add(new(_registers.Clock, new(Model.CreditUnit, _registers.Remaining), _registers.Relay, _registers.CreditState));
            }
        }

        return new(events, samples);
    }

    /// <summary>The number of steps taken so far, for the benchmark's and tests' view of K3.</summary>
    internal long Steps { get; private set; }

    private void Step(DateTimeOffset end, LoadProfile load)
    {
        Steps++;
        var now = _registers.Clock;
        if (now >= _partsDue)
        {
            ApplyParts(now, all: false);
        }

        ApplyTimeRules(now, load);
        var stepEnd = Min(Min(end, MonthEnd(now)), NextTimeRuleEdge(now));
        if (Model.Tariff?.NextChangeAfter(now) is { } priceEdge)
        {
            // A time-of-use step stays inside one period, so its energy is charged at one rate.
            stepEnd = Min(stepEnd, priceEdge);
        }
        if (load.NextChangeAfter(now) is { } change)
        {
            stepEnd = Min(stepEnd, change);
        }

        var watts = load.WattsAt(now);
        var flows = watts > 0 && SupplyFlows;
        if (MeasuresFlow)
        {
            // W2, W3: the leak watch sees what passes the valve (a window it opens now bounds this very step).
            LookForLeak(now, flows ? watts : 0);
        }

        stepEnd = NextPartEdge(now, stepEnd);

        if (!flows)
        {
            LeakWindowReached(stepEnd, 0);
            MoveClock(stepEnd);
            return;
        }

        // K3: stop exactly when the next threshold is reached.
        if (HundredthsToNextThreshold(now) is { } needed)
        {
            var wattSeconds = (needed * WattSecondsPerHundredth) - _registers.WattSecondsCarry;
            var seconds = (wattSeconds + watts - 1) / watts;
            // Compared in seconds first: a threshold centuries away (a vast credit, a trickle) is past any step's end,
            // and past the calendar's too.
            if (seconds < WholeSeconds.Between(now, stepEnd))
            {
                stepEnd = now.AddSeconds(seconds);
            }
        }

        var elapsed = (stepEnd.UtcTicks - now.UtcTicks) / TimeSpan.TicksPerSecond;
        var total = _registers.WattSecondsCarry + (watts * elapsed);
        Consume(total / WattSecondsPerHundredth, now);
        _registers.WattSecondsCarry = total % WattSecondsPerHundredth;
        LeakWindowReached(stepEnd, watts);
        MoveClock(stepEnd);
        Reclassify();
    }

    private void MoveClock(DateTimeOffset to)
    {
        _registers.Clock = to;
        if (to >= _monthStart && to < _monthEnd && _registers.Month == _monthOfCache)
        {
            return; // the cached month bounds spare the calendar arithmetic at every step
        }

        var month = MonthOf(to);
        if (month != _registers.Month)
        {
            // A new billing month: the tier position starts again.
            _registers.Month = month;
            _registers.MonthEnergy = 0;
            _registers.MonthCharged = 0;
            Array.Clear(_registers.MonthEnergyByPeriod);
        }
    }

    /// <summary>Rule K2: energy from remaining for an energy meter; the tariff's price of it for a money meter.</summary>
    private void Consume(long hundredths, DateTimeOffset at)
    {
        if (hundredths == 0)
        {
            return;
        }

        _registers.CumulativeEnergy += hundredths;
        long credit;
        if (Model.Tariff is TimeOfUseTariff timeOfUse)
        {
            _registers.MonthEnergyByPeriod[timeOfUse.PeriodIndexAt(at)] += hundredths;
            var charged = Tariff.MicrosToHundredths(TimeOfUseMicros(timeOfUse));
            credit = charged - _registers.MonthCharged;
            _registers.MonthEnergy += hundredths;
            _registers.MonthCharged = charged;
        }
        else if (Model.Tariff is { } tariff)
        {
            var monthEnergy = _registers.MonthEnergy + hundredths;
            var charged = tariff.Price(Energy.FromHundredths(monthEnergy), at).Hundredths;
            credit = charged - _registers.MonthCharged;
            _registers.MonthEnergy = monthEnergy;
            _registers.MonthCharged = charged;
        }
        else
        {
            credit = hundredths;
        }

        _registers.Remaining -= credit;
        _registers.CreditConsumed += credit;
    }

    /// <summary>The energy, in hundredths of a kWh, after which remaining reaches the next threshold below it; null when none is left.</summary>
    private long? HundredthsToNextThreshold(DateTimeOffset at)
    {
        // The highest threshold below remaining: alarm 1, alarm 2, zero, or the exhausted line.
        var p = _registers.Parameters;
        var remaining = _registers.Remaining;
        var t = long.MinValue;
        t = Below(p.Alarm1.Hundredths, remaining, t);
        t = Below(p.Alarm2.Hundredths, remaining, t);
        t = Below(0, remaining, t);
        t = Below(ExhaustedThreshold, remaining, t);
        if (t == long.MinValue)
        {
            return null;
        }

        var credit = _registers.Remaining - t;
        if (Model.Tariff is TimeOfUseTariff timeOfUse)
        {
            // Within one period the rate r is fixed: the least h with round(M + h·r) ≥ charged + credit.
            var rate = timeOfUse.PeriodAt(at).Rate.TenThousandths;
            if (rate == 0)
            {
                return null;
            }

            var micros = ((_registers.MonthCharged + credit) * 10_000) - 5_000 - TimeOfUseMicros(timeOfUse);
            return Math.Max(1, (micros + rate - 1) / rate);
        }

        if (Model.Tariff is not { } tariff)
        {
            return credit;
        }

        // The least energy whose month cost rises by at least `credit`: one more than the most that stays below it.
        var below = Money.FromHundredths(_registers.MonthCharged + credit - 1);
        var reach = tariff.EnergyFor(below, at).Hundredths + 1;
        return Math.Max(1, reach - _registers.MonthEnergy);
    }

    private static long Below(long threshold, long remaining, long best) => threshold < remaining && threshold > best ? threshold : best;

    /// <summary>
    /// The month's exact time-of-use charge in millionths: Σ energy in each period × its rate, rounded only when
    /// charged. A long holds it: a month would need 10^13 kWh at 10.0000 a kWh to pass 2^63, and checked
    /// arithmetic would throw rather than wrap, so this step-by-step sum needs no wider type.
    /// </summary>
    private long TimeOfUseMicros(TimeOfUseTariff tariff)
    {
        var rates = tariff.RatesTenThousandths;
        var energy = _registers.MonthEnergyByPeriod;
        long micros = 0;
        for (var i = 0; i < energy.Length; i++)
        {
            micros += energy[i] * rates[i];
        }

        return micros;
    }

    private DateTimeOffset _monthStart = DateTimeOffset.MaxValue;
    private DateTimeOffset _monthEnd = DateTimeOffset.MinValue;
    private int _monthOfCache = -1;

    /// <summary>The start of the next month, cached, so a step does no calendar arithmetic.</summary>
    private DateTimeOffset MonthEnd(DateTimeOffset now)
    {
        if (now >= _monthEnd || now < _monthStart)
        {
            _monthEnd = NextMonthStart(now);
            _monthStart = _monthEnd.AddMonths(-1);
            _monthOfCache = MonthOf(now);
        }

        return _monthEnd;
    }

    private static DateTimeOffset NextMonthStart(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a.UtcTicks <= b.UtcTicks ? a : b;
}
