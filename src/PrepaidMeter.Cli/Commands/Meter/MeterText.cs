using System.Globalization;
using System.Text;
using System.Text.Json;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Core;
using PrepaidMeter.Meter;

namespace PrepaidMeter.Cli.Commands.Meter;

/// <summary>A meter snapshot for people (aligned lines) and for programs (JSON).</summary>
internal static class MeterText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The snapshot, and after the model's id and SHA-256 each of its <paramref name="layouts"/> with its own SHA-256.</summary>
    public static string Readable(MeterSnapshot s, IReadOnlyList<CardLayout> layouts)
    {
        var lines = Fields(s);
        lines.InsertRange(2, layouts.Select(l => ("layout", $"{l.Id} {l.Sha256}")));
        var width = lines.Max(l => l.Name.Length);
        var text = new StringBuilder();
        foreach (var (name, value) in lines)
        {
            text.Append(name.PadRight(width + 2)).Append(value).Append('\n');
        }

        text.Append("events (oldest first):\n");
        foreach (var e in s.Events)
        {
            text.Append("  ").Append(e).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    public static string Json(MeterSnapshot s, IReadOnlyList<CardLayout> layouts)
    {
        var document = Fields(s).ToDictionary(f => f.Name, f => (object)f.Value);
        document["layouts"] = layouts.Select(l => new { id = l.Id, sha256 = l.Sha256 }).ToList();
        document["events"] = s.Events.Select(e => new { at = e.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), kind = e.Kind.ToString(), detail = e.Detail }).ToList();
        return JsonSerializer.Serialize(document, Indented);
    }

    private static List<(string Name, string Value)> Fields(MeterSnapshot s)
    {
        var fields = CreditFields(s);
        if (s.Flow is { } parts)
        {
            // A water or gas meter's register counts volume: it takes the energy line's place, and its parts follow.
            var at = fields.FindIndex(f => f.Name == "cumulativeEnergy");
            fields[at] = ("cumulativeVolume", parts.CumulativeVolume.ToString());
            fields.InsertRange(2, [("utility", parts.Utility.Name())]);
            if (parts.Valve is not null)
            {
                // A valve meter has no relay: its valve line says where the supply is.
                fields.RemoveAll(f => f.Name == "relay");
            }

            fields.AddRange(FlowFields(parts));
        }

        if (s.Token is { } token)
        {
            fields.AddRange(TokenFields(token));
        }

        return fields;
    }

    private static IEnumerable<(string Name, string Value)> FlowFields(FlowSideSnapshot parts) =>
    [
        ("valve", parts.Valve?.ToString() ?? "none (relay)"),
        ("valveAlarm", parts.ValveAlarm ? "yes" : "no"),
        ("valveMotorRuns", parts.ValveMotorRuns.ToString(CultureInfo.InvariantCulture)),
        ("battery", parts.BatteryMillivolts is { } mv ? $"{mv} mV ({parts.Battery})" : "none (mains)"),
        ("tamperActive", parts.TamperActive.ToString()),
        ("tamperLatched", parts.TamperLatched.ToString()),
        ("leaking", parts.Leaking ? "yes" : "no"),
    ];

    /// <summary>A token meter's STS side (rule TK16); the decoder key is never among them.</summary>
    private static IEnumerable<(string Name, string Value)> TokenFields(PrepaidMeter.Meter.Tokens.TokenSnapshot t)
    {
        var invariant = CultureInfo.InvariantCulture;
        return
        [
            ("stsIin", t.Iin),
            ("stsDrn", t.Drn),
            ("stsAlgorithm", PrepaidMeter.Meter.Tokens.TokenInstall.Name(t.Algorithm)),
            ("stsKeyType", t.KeyType.ToString(invariant)),
            ("stsSupplyGroup", t.SupplyGroup.ToString("D6", invariant)),
            ("stsTariffIndex", t.TariffIndex.ToString("D2", invariant)),
            ("stsKeyRevision", t.KeyRevision.ToString(invariant)),
            ("stsKeyExpiry", t.KeyExpiry.ToString(invariant)),
            ("stsBaseDate", ((int)t.BaseDate).ToString(invariant)),
            ("tidsKept", $"{t.TidsKept.ToString(invariant)} of {t.TidMemory.ToString(invariant)}"),
            ("newestTid", t.NewestTid?.ToString(invariant) ?? "none"),
            ("keypad", t.LockedUntil is { } until ? $"locked until {until.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", invariant)} ({t.InvalidInARow.ToString(invariant)} invalid)" : $"unlocked ({t.InvalidInARow.ToString(invariant)} invalid in a row)"),
            ("keyChangePending", t.PendingSections.Count == 0 ? "none" : string.Join(", ", t.PendingSections)),
            ("tariffRate", t.TariffRate?.ToString(invariant) ?? "not set"),
            ("waterFactor", t.WaterFactor?.ToString(invariant) ?? "not set"),
            ("phaseUnbalanceWatts", t.PhaseUnbalanceWatts?.ToString(invariant) ?? "not set"),
            ("clearedByToken", t.ClearedCredit.ToString()),
        ];
    }

    private static List<(string Name, string Value)> CreditFields(MeterSnapshot s) =>
    [
        ("model", s.ModelId),
        ("modelSha256", s.ModelSha256),
        ("meterNumber", s.MeterNumber.ToString()),
        ("supplyGroup", s.SupplyGroup.ToString()),
        ("clock", s.Clock.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        ("lifeCycle", s.LifeCycle.ToString()),
        ("relay", s.Relay.ToString()),
        ("openReasons", s.OpenReasons.ToString()),
        ("creditState", s.CreditState.ToString()),
        ("remaining", s.Remaining.ToString()),
        ("cumulativeEnergy", s.CumulativeEnergy.ToString()),
        ("cumulativeLoaded", s.CumulativeLoaded.ToString()),
        ("creditConsumed", s.CreditConsumed.ToString()),
        ("transferredOut", s.TransferredOut.ToString()),
        ("emergencyOutstanding", s.EmergencyOutstanding.ToString()),
        ("purchaseCount", s.PurchaseCount.ToString()),
        ("lastCardSerial", s.LastCardSerial.ToString()),
        ("customer", s.Customer.ToString()),
        ("illegalCards", s.IllegalCards.ToString(CultureInfo.InvariantCulture)),
        ("alarm1", s.Parameters.Alarm1.ToString()),
        ("alarm2", s.Parameters.Alarm2.ToString()),
        ("overdraftLimit", s.Parameters.OverdraftLimit.ToString()),
        ("purchaseLimit", s.Parameters.PurchaseLimit.ToString()),
        ("powerLimitWatts", s.Parameters.PowerLimitWatts.ToString(CultureInfo.InvariantCulture)),
        ("keepPowerOn", s.KeepPowerOn ? "yes" : "no"),
        ("alarmOn", s.AlarmOn ? "yes" : "no"),
    ];
}
