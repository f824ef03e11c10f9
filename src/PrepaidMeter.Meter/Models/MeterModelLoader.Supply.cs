using PrepaidMeter.Core;
using PrepaidMeter.Meter.Batteries;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Meter.Models;

/// <summary>
/// The utility, the supply switch and the water and gas rules (valve, leak, battery, tamper): what a model says
/// about the supply it meters and cuts. Every bound a rule's constructor holds is checked here first, so a user's
/// file is refused with a message, never reaches an exception.
/// </summary>
public static partial class MeterModelLoader
{
    /// <summary>The longest valve travel, in whole seconds.</summary>
    private static readonly int MaxTravelSeconds = (int)(ValveRule.MaxTravelTime.Ticks / TimeSpan.TicksPerSecond);

    /// <summary>An exercise that cuts the supply for more than an hour is no exercise.</summary>
    private const int MaxExerciseCutSeconds = 3_600;

    private const int MaxExerciseIntervalDays = 365;

    /// <summary>A leak window or a tamper quiet period: a minute to 30 days, whole seconds.</summary>
    private const int MinPeriodSeconds = 60;

    private const int MaxPeriodSeconds = 30 * 86_400;

    /// <summary>The largest fresh battery voltage a <see cref="BatteryRule"/> takes (100 V).</summary>
    private const int MaxFreshMillivolts = 100_000;

    private sealed record SupplyRules(Utility Utility, SupplySwitch Switch, ValveRule? Valve, LeakRule? Leak, BatteryRule? Battery, TamperRule? Tamper);

    /// <summary>The supply side of the model; null when its utility or switch cannot be read (the reason is in <paramref name="errors"/>).</summary>
    private static SupplyRules? Supply(MeterModelDescriptor d, CreditUnit? unit, List<string> errors)
    {
        Utility? utility = d.Utility switch
        {
            null => Utility.Electricity,
            "electricity" => Utility.Electricity,
            "water" => Utility.Water,
            "gas" => Utility.Gas,
            _ => null,
        };
        if (utility is not { } u)
        {
            errors.Add($"utility '{d.Utility}' must be 'electricity', 'water' or 'gas'");
            return null;
        }

        var meter = u == Utility.Electricity ? "an electricity meter" : $"a {u.Name()} meter";
        CreditUnitAgrees(u, meter, unit, errors);

        SupplySwitch? supplySwitch = d.SupplySwitch switch
        {
            null => u.UsualSwitch(),
            "relay" => SupplySwitch.Relay,
            "valve" => SupplySwitch.Valve,
            _ => null,
        };
        if (supplySwitch is not { } switches)
        {
            errors.Add($"supplySwitch '{d.SupplySwitch}' must be 'relay' or 'valve'");
            return null;
        }

        if (u == Utility.Electricity && switches == SupplySwitch.Valve)
        {
            errors.Add("supplySwitch 'valve' on an electricity meter is not implemented: an electricity meter cuts the supply with a relay");
        }
        else if (u != Utility.Electricity && switches == SupplySwitch.Relay)
        {
            errors.Add($"supplySwitch 'relay' on {meter}: {meter} cuts the supply with a valve: contradictory");
        }

        // Only a water or gas meter moves a valve; on electricity the switch's own message says why it has none.
        var movesAValve = u != Utility.Electricity && switches == SupplySwitch.Valve;
        ValveRule? valve = null;
        if (d.Valve is { } v)
        {
            if (movesAValve)
            {
                valve = Valve(v, errors);
            }
            else
            {
                errors.Add(u == Utility.Electricity
                    ? "valve: an electricity meter cuts the supply with a relay and has no valve: contradictory"
                    : $"valve: {meter} whose supplySwitch is 'relay' has no valve: contradictory");
            }
        }
        else if (movesAValve)
        {
            errors.Add("valve is required: a meter whose supplySwitch is 'valve' moves it by this rule (travelSeconds, retries, retryIntervalSeconds)");
        }

        if (u == Utility.Electricity)
        {
            RefusedOnElectricity("leak", "leak detection watches a flow of water or gas", d.Leak, errors);
            RefusedOnElectricity("battery", "a battery-powered meter is a water or gas meter (an electricity meter is mains powered)", d.Battery, errors);
            RefusedOnElectricity("tamper", "the tamper latch watches for a magnet at the flow sensor and closes a valve", d.Tamper, errors);
            return new(u, switches, valve, null, null, null);
        }

        NoPowerToLimit(meter, d, errors);
        return new(u, switches, valve, d.Leak is { } l ? Leak(l, errors) : null, d.Battery is { } b ? Battery(b, errors) : null, d.Tamper is { } t ? Tamper(t, errors) : null);
    }

    /// <summary>Energy or money for electricity, volume for water and gas; money on water and gas waits for a tariff priced in m³.</summary>
    private static void CreditUnitAgrees(Utility utility, string meter, CreditUnit? unit, List<string> errors)
    {
        switch (utility, unit)
        {
            case (Utility.Electricity, CreditUnit.Volume):
                errors.Add("creditUnit 'volume' on an electricity meter: an electricity meter counts energy (kWh) or money, volume (m³) is for water and gas: contradictory");
                break;
            case (not Utility.Electricity, CreditUnit.Energy):
                errors.Add($"creditUnit 'energy' on {meter}: {meter} counts volume (m³), not kWh: contradictory");
                break;
            case (not Utility.Electricity, CreditUnit.Money):
                errors.Add($"creditUnit 'money' on {meter} is not implemented yet: the meter's tariff prices kWh, not m³; count credit in 'volume'");
                break;
        }
    }

    private static void RefusedOnElectricity(string name, string why, object? block, List<string> errors)
    {
        if (block is not null)
        {
            errors.Add($"{name}: {why}; an electricity meter has none (water and gas only)");
        }
    }

    private static void NoPowerToLimit(string meter, MeterModelDescriptor d, List<string> errors)
    {
        if (d.PowerLimit is not null)
        {
            errors.Add($"powerLimit: {meter} draws no power to limit (rules P1–P3 are an electricity meter's)");
        }

        if (d.MalignantLoad is not null)
        {
            errors.Add($"malignantLoad: {meter} has no electrical load to judge (rule P4 is an electricity meter's)");
        }

        if (d.Defaults is { PowerLimitWatts: > 0 } p)
        {
            errors.Add($"defaults.powerLimitWatts {p.PowerLimitWatts} must be 0 on {meter}: there is no power to limit");
        }
    }

    private static ValveRule? Valve(ValveDescriptor v, List<string> errors)
    {
        var before = errors.Count;
        var travel = Bounded("valve.travelSeconds", v.TravelSeconds, 1, MaxTravelSeconds, errors);
        var retries = Bounded("valve.retries", v.Retries, 0, ValveRule.MaxRetries, errors);
        var retryInterval = Bounded("valve.retryIntervalSeconds", v.RetryIntervalSeconds, 1, 86_400, errors);
        int? cut = null;
        if (v.ExerciseIntervalDays is { } days)
        {
            Bounded("valve.exerciseIntervalDays", days, 1, MaxExerciseIntervalDays, errors);

            // An exercise closes and reopens the valve, each a whole travel: a shorter cut could never be kept (rule V9).
            var least = travel is { } t ? t * 2 : 2;
            cut = Bounded("valve.longestExerciseCutSeconds", v.LongestExerciseCutSeconds, least, MaxExerciseCutSeconds, errors,
                travel is null ? null : $"at least twice travelSeconds ({least}) and at most {MaxExerciseCutSeconds}: an exercise closes and reopens the valve, each a whole travel");
        }
        else if (v.LongestExerciseCutSeconds is not null)
        {
            errors.Add("valve.longestExerciseCutSeconds without exerciseIntervalDays: a valve that is never exercised makes no exercise cut: contradictory");
        }

        if (errors.Count > before || travel is not { } travelSeconds || retries is not { } tries || retryInterval is not { } restSeconds)
        {
            return null;
        }

        return new ValveRule(
            TimeSpan.FromSeconds(travelSeconds),
            tries,
            TimeSpan.FromSeconds(restSeconds),
            v.ExerciseIntervalDays is { } every ? TimeSpan.FromDays(every) : null,
            TimeSpan.FromSeconds(cut ?? 0));
    }

    private static LeakRule? Leak(LeakDescriptor l, List<string> errors)
    {
        var minimum = Bounded("leak.minimumLitresPerHour", l.MinimumLitresPerHour, 1, FlowProfile.MaxLitresPerHour, errors);
        var window = Bounded("leak.continuousSeconds", l.ContinuousSeconds, MinPeriodSeconds, MaxPeriodSeconds, errors);
        return minimum is { } m && window is { } w ? new LeakRule(m, TimeSpan.FromSeconds(w)) : null;
    }

    private static BatteryRule? Battery(BatteryDescriptor b, List<string> errors)
    {
        var critical = Bounded("battery.criticalMillivolts", b.CriticalMillivolts, 1, MaxFreshMillivolts - 2, errors);
        var low = Bounded("battery.lowMillivolts", b.LowMillivolts, critical is { } c ? c + 1 : 2, MaxFreshMillivolts - 1, errors,
            critical is null ? null : $"above criticalMillivolts ({critical}) and at most {MaxFreshMillivolts - 1}: low is told before critical");
        var fresh = Bounded("battery.freshMillivolts", b.FreshMillivolts, low is { } l ? l + 1 : 3, MaxFreshMillivolts, errors,
            low is null ? null : $"above lowMillivolts ({low}) and at most {MaxFreshMillivolts} (100 V)");

        // Each drain at most the whole fresh voltage: a battery that empties in a day (or a motor run) is no battery.
        var most = (fresh ?? MaxFreshMillivolts) * 1000L;
        var drain = fresh is null ? null : $"from 0 to the fresh voltage in microvolts ({most}): a battery that empties at once is no battery";
        var perDay = Bounded("battery.microvoltsPerDay", b.MicrovoltsPerDay, 0, most, errors, drain);
        var perRun = Bounded("battery.microvoltsPerMotorRun", b.MicrovoltsPerMotorRun, 0, most, errors, drain);
        return fresh is { } freshMv && low is { } lowMv && critical is { } criticalMv && perDay is { } dayUv && perRun is { } runUv
            ? new BatteryRule(freshMv, lowMv, criticalMv, dayUv, runUv)
            : null;
    }

    private static TamperRule? Tamper(TamperDescriptor t, List<string> errors)
    {
        if (t.CaseSwitch is null)
        {
            errors.Add("tamper.caseSwitch is required: true when opening the meter's case latches a tamper, false when the meter has no case switch");
        }

        int? quiet = null;
        if (t.ClearsAfterQuietSeconds is not null)
        {
            quiet = Bounded("tamper.clearsAfterQuietSeconds", t.ClearsAfterQuietSeconds, MinPeriodSeconds, MaxPeriodSeconds, errors);
            if (quiet is null)
            {
                return null;
            }
        }

        return t.CaseSwitch is { } hasCaseSwitch ? new TamperRule(hasCaseSwitch, quiet is { } q ? TimeSpan.FromSeconds(q) : null) : null;
    }

    /// <summary>The value when it is given and within [<paramref name="min"/>, <paramref name="max"/>]; otherwise null and a message naming the setting and the bounds.</summary>
    private static int? Bounded(string name, int? value, int min, int max, List<string> errors, string? bounds = null) =>
        (int?)Bounded(name, (long?)value, min, max, errors, bounds);

    private static long? Bounded(string name, long? value, long min, long max, List<string> errors, string? bounds = null)
    {
        if (value is not { } v)
        {
            errors.Add($"{name} is required");
            return null;
        }

        if (v < min || v > max)
        {
            errors.Add($"{name} {v} must be {bounds ?? $"{min} to {max}"}");
            return null;
        }

        return v;
    }
}
