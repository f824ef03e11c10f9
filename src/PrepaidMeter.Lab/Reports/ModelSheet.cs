using System.Globalization;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Reports;

/// <summary>Every parameter of a meter model in words, one row each: what exactly was certified, beside the model file's SHA-256.</summary>
public static class ModelSheet
{
    public static IReadOnlyList<(string Parameter, string Value)> Rows(MeterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var d = model.Defaults;
        return
        [
            ("id", model.Id),
            ("description", model.Description),
            ("credit unit", model.CreditUnit.ToString()),
            ("layouts", string.Join(", ", model.Layouts.Select(l => $"{l.Id} v{l.Version}{(l.HasMac ? " (MAC)" : " (no MAC)")}"))),
            ("event log depth", model.EventLogDepth.ToString(CultureInfo.InvariantCulture)),
            ("preset credit", model.PresetCredit.ToString()),
            ("emergency credit", model.EmergencyCredit.Hundredths > 0 ? model.EmergencyCredit.ToString() : "none"),
            ("overdraft", model.OverdraftAllowed ? $"allowed, default limit {d.OverdraftLimit}" : "not allowed"),
            ("alarm 2 trips the relay", model.Alarm2Trips ? "yes" : "no (warns only)"),
            ("default alarm 1", d.Alarm1.ToString()),
            ("default alarm 2", d.Alarm2.ToString()),
            ("default purchase limit", d.PurchaseLimit.Hundredths > 0 ? d.PurchaseLimit.ToString() : "none"),
            ("default power limit", d.PowerLimitWatts > 0 ? $"{d.PowerLimitWatts} W" : "none"),
            ("power-limit rule", model.PowerLimit is { } p
                ? $"over the limit for {p.WindowSeconds} s trips; reconnects after {p.ReconnectDelaySeconds} s; locked out at the {p.LockoutAfter}th trip of a UTC day"
                : "none"),
            ("malignant-load rule", model.MalignantLoad is { } m
                ? $"at least {m.ThresholdWatts} W at power factor ≥ {m.MinPowerFactorThousandths / 1000m:0.000} trips at once; reconnects after {m.ReconnectDelaySeconds} s"
                : "none"),
            ("scheduled trips (UTC)", model.ScheduledTrips.Count == 0 ? "none" : string.Join(", ", model.ScheduledTrips.Select(Window))),
            ("friendly periods (UTC)", model.FriendlyPeriods is { } f ? Friendly(f) : "none"),
            ("tariff", Tariff(model.Tariff)),
            .. FlowSide(model),
        ];
    }

    /// <summary>A water or gas model's parts: the valve's timing, the leak rule, the battery's levels, the tamper watch (docs/water-gas.md).</summary>
    private static IEnumerable<(string Parameter, string Value)> FlowSide(MeterModel model)
    {
        if (model.Utility == Core.Utility.Electricity)
        {
            yield break;
        }

        yield return ("utility", $"{model.Utility.Name()}, {model.SupplySwitch.ToString().ToLowerInvariant()}");
        if (model.Valve is { } v)
        {
            yield return ("valve travel", $"{v.TravelTime.TotalSeconds:0} s");
            yield return ("valve retries", $"{v.Retries}, {v.RetryInterval.TotalSeconds:0} s apart; stuck after {v.Retries + 1} tries (at most {v.LongestSettle.TotalSeconds:0} s)");
            yield return ("valve exercise", v.ExerciseInterval is { } every
                ? $"every {every.TotalDays:0.##} days without a move, cutting at most {v.LongestExerciseCut.TotalSeconds:0} s"
                : "never");
        }

        yield return ("leak rule", model.Leak is { } l ? $"{l.MinimumLitresPerHour} L/h or more without a break for {l.ContinuousFor.TotalHours:0.##} h" : "none");
        yield return ("battery", model.Battery is { } b
            ? $"fresh {b.FreshMillivolts} mV; low at {b.LowMillivolts} mV; critical at {b.CriticalMillivolts} mV (the valve closes); drains {b.MicrovoltsPerDay} µV a day and {b.MicrovoltsPerMotorRun} µV a motor run"
            : "none (mains)");
        yield return ("tamper", model.Tamper is { } t
            ? $"magnet{(t.HasCaseSwitch ? " and case switch" : " (no case switch)")}; cleared by the tool card{(t.ClearsAfterQuiet is { } q ? $" or after {q.TotalHours:0.##} h quiet" : " only")}"
            : "none");
    }

    private static string Window(DailyWindow w) => $"{w.From:HH:mm}–{w.To:HH:mm}";

    private static string Friendly(FriendlyPeriods f)
    {
        var parts = new List<string>();
        if (f.Night is { } night)
        {
            parts.Add($"nights {Window(night)}");
        }

        if (f.Weekends)
        {
            parts.Add("Saturdays and Sundays");
        }

        if (f.Holidays.Count > 0)
        {
            parts.Add("holidays " + string.Join(", ", f.Holidays.Order().Select(h => h.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        }

        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }

    /// <summary>The tariff in one line: a money meter's price per kWh, by tier or by period.</summary>
    public static string Tariff(Tariff? tariff) => tariff switch
    {
        null => "none (the meter counts energy)",
        FlatTariff flat => $"flat {flat.Rate} per kWh",
        TieredTariff tiered => "tiered by the month's energy: " + string.Join("; ", tiered.Blocks.Select(b => $"{(b.UpTo is { } up ? $"up to {up}" : "above")} at {b.Rate}")),
        TimeOfUseTariff tou => "time of use: " + string.Join("; ", tou.Periods.Select(p => $"{p.Name} from {p.Start:HH:mm} at {p.Rate}")),
        { } other => other.GetType().Name,
    };
}
