using System.Text.Json.Nodes;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Valves;
using PrepaidMeter.Meter.Tampering;
using PrepaidMeter.Meter.Batteries;

namespace PrepaidMeter.Devices.LabChannel;

/// <summary>
/// The lab channel between the stack target and a meter device (`prepaid meter lab`): a meter's registers (a token
/// meter's STS registers too, <see cref="LabTokenJson"/>), the events it logged and the outcome of a card, as one line of
/// JSON each, read back exactly — amounts in
/// hundredths, names as the enums spell them, times in UTC seconds.
/// </summary>
public static class LabMeterJson
{
    public static JsonObject Snapshot(MeterSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new JsonObject
        {
            ["model"] = s.ModelId,
            ["modelSha256"] = s.ModelSha256,
            ["meter"] = s.MeterNumber.Value,
            ["group"] = s.SupplyGroup.Value,
            ["lifeCycle"] = s.LifeCycle.ToString(),
            ["creditState"] = s.CreditState.ToString(),
            ["relay"] = s.Relay.ToString(),
            ["openReasons"] = (int)s.OpenReasons,
            ["unit"] = s.Remaining.Unit.ToString(),
            ["remaining"] = s.Remaining.Hundredths,
            ["cumulativeEnergy"] = s.CumulativeEnergy.Hundredths,
            ["cumulativeLoaded"] = s.CumulativeLoaded.Hundredths,
            ["creditConsumed"] = s.CreditConsumed.Hundredths,
            ["transferredOut"] = s.TransferredOut.Hundredths,
            ["emergencyOutstanding"] = s.EmergencyOutstanding.Hundredths,
            ["emergencyBorrowedTotal"] = s.EmergencyBorrowedTotal.Hundredths,
            ["emergencyRepaidTotal"] = s.EmergencyRepaidTotal.Hundredths,
            ["presetCredit"] = s.PresetCredit.Hundredths,
            ["purchaseCount"] = s.PurchaseCount.Value,
            ["lastCardSerial"] = s.LastCardSerial.Value,
            ["customer"] = s.Customer.Value,
            ["illegalCards"] = s.IllegalCards,
            ["alarm1"] = s.Parameters.Alarm1.Hundredths,
            ["alarm2"] = s.Parameters.Alarm2.Hundredths,
            ["overdraftLimit"] = s.Parameters.OverdraftLimit.Hundredths,
            ["purchaseLimit"] = s.Parameters.PurchaseLimit.Hundredths,
            ["powerLimitWatts"] = s.Parameters.PowerLimitWatts,
            ["keepPowerOn"] = s.KeepPowerOn,
            ["alarmOn"] = s.AlarmOn,
            ["clock"] = s.Clock.ToUnixTimeSeconds(),
            ["powered"] = s.Powered,
            ["events"] = Events(s.Events),
            ["flow"] = s.Flow is { } flow ? FlowSide(flow) : null,
            ["token"] = s.Token is { } token ? LabTokenJson.TokenSide(token) : null,
        };
    }

    /// <summary>A water or gas meter's own registers (<see cref="FlowSideSnapshot"/>), so the lab judges its valve, battery and tamper as in process.</summary>
    private static JsonObject FlowSide(FlowSideSnapshot f) => new()
    {
        ["utility"] = f.Utility.Name(),
        ["cumulativeVolume"] = f.CumulativeVolume.Hundredths,
        ["leaking"] = f.Leaking,
        ["valve"] = f.Valve?.ToString(),
        ["valveAlarm"] = f.ValveAlarm,
        ["valveMotorRuns"] = f.ValveMotorRuns,
        ["batteryMillivolts"] = f.BatteryMillivolts,
        ["battery"] = f.Battery?.ToString(),
        ["tamperActive"] = (int)f.TamperActive,
        ["tamperLatched"] = (int)f.TamperLatched,
    };

    private static FlowSideSnapshot? ReadFlowSide(JsonNode? json) => json is null ? null : new FlowSideSnapshot(
        Utilities.Parse(Text(json, "utility")) ?? throw new FormatException($"utility '{Text(json, "utility")}' is none of electricity, water and gas"),
        Volume.FromHundredths(Long(json, "cumulativeVolume")),
        json["leaking"]!.GetValue<bool>(),
        json["valve"]?.GetValue<string>() is { } valve ? Enum.Parse<ValvePosition>(valve) : null,
        json["valveAlarm"]!.GetValue<bool>(),
        (int)Long(json, "valveMotorRuns"),
        json["batteryMillivolts"]?.GetValue<int>(),
        json["battery"]?.GetValue<string>() is { } battery ? Enum.Parse<BatteryLevel>(battery) : null,
        (TamperFlags)Long(json, "tamperActive"),
        (TamperFlags)Long(json, "tamperLatched"));

    public static MeterSnapshot ReadSnapshot(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var unit = Unit(json);
        CreditAmount Amount(string name) => new(unit, Long(json, name));
        return new MeterSnapshot(
            Text(json, "model"),
            Text(json, "modelSha256"),
            MeterNumber.From((ulong)Long(json, "meter")),
            SupplyGroupCode.From((ulong)Long(json, "group")),
            Enum.Parse<LifeCycle>(Text(json, "lifeCycle")),
            Enum.Parse<CreditState>(Text(json, "creditState")),
            Enum.Parse<RelayState>(Text(json, "relay")),
            (OpenReasons)Long(json, "openReasons"),
            Amount("remaining"),
            Energy.FromHundredths(Long(json, "cumulativeEnergy")),
            Amount("cumulativeLoaded"),
            Amount("creditConsumed"),
            Amount("transferredOut"),
            Amount("emergencyOutstanding"),
            Amount("emergencyBorrowedTotal"),
            Amount("emergencyRepaidTotal"),
            Amount("presetCredit"),
            PurchaseCount.From((uint)Long(json, "purchaseCount")),
            CardSerial.From((ulong)Long(json, "lastCardSerial")),
            CustomerNumber.From((ulong)Long(json, "customer")),
            (uint)Long(json, "illegalCards"),
            new MeterParameters(Amount("alarm1"), Amount("alarm2"), Amount("overdraftLimit"), Amount("purchaseLimit"), (uint)Long(json, "powerLimitWatts")),
            json["keepPowerOn"]!.GetValue<bool>(),
            json["alarmOn"]!.GetValue<bool>(),
            DateTimeOffset.FromUnixTimeSeconds(Long(json, "clock")),
            json["powered"]!.GetValue<bool>(),
            ReadEvents(json["events"]!))
        {
            Flow = ReadFlowSide(json["flow"]),
            Token = LabTokenJson.ReadTokenSide(json["token"], unit),
        };
    }

    public static JsonArray Events(IEnumerable<MeterEvent> events) =>
        new([.. events.Select(e => (JsonNode)new JsonObject { ["at"] = e.At.ToUnixTimeSeconds(), ["kind"] = e.Kind.ToString(), ["detail"] = e.Detail })]);

    public static IReadOnlyList<MeterEvent> ReadEvents(JsonNode json) =>
        [.. json.AsArray().Select(e => new MeterEvent(DateTimeOffset.FromUnixTimeSeconds(Long(e!, "at")), Enum.Parse<MeterEventKind>(Text(e!, "kind")), Text(e!, "detail")))];

    /// <summary>Each reading as <c>{"clock":UNIX_TIME,"remaining":HUNDREDTHS,"unit":"Energy","relay":"Closed","creditState":"Normal"}</c>.</summary>
    public static JsonArray Samples(IEnumerable<MeterSample> samples) =>
        new([.. samples.Select(s => (JsonNode)new JsonObject
        {
            ["clock"] = s.Clock.ToUnixTimeSeconds(),
            ["remaining"] = s.Remaining.Hundredths,
            ["unit"] = s.Remaining.Unit.ToString(),
            ["relay"] = s.Relay.ToString(),
            ["creditState"] = s.CreditState.ToString(),
        })]);

    public static IReadOnlyList<MeterSample> ReadSamples(JsonNode? json) =>
        json is null ? [] : [.. json.AsArray().Select(s => new MeterSample(
            DateTimeOffset.FromUnixTimeSeconds(Long(s!, "clock")),
            new CreditAmount(Unit(s!), Long(s!, "remaining")),
            Enum.Parse<RelayState>(Text(s!, "relay")),
            Enum.Parse<CreditState>(Text(s!, "creditState"))))];

    /// <summary>
    /// "Energy", "Money" or "Volume", as the enum spells them. Enum.Parse alone would also take "1" or "7", and an
    /// undefined number would then pass for a unit; a unit that is none of the three is refused naming it.
    /// </summary>
    /// <exception cref="FormatException">Not one of the three units.</exception>
    private static CreditUnit Unit(JsonNode json)
    {
        var text = Text(json, "unit");
        foreach (var unit in Enum.GetValues<CreditUnit>())
        {
            if (unit.ToString() == text)
            {
                return unit;
            }
        }

        throw new FormatException($"unit '{text}' is none of Energy, Money and Volume");
    }

    public static JsonObject Outcome(CardOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new JsonObject
        {
            ["result"] = outcome.Result.ToString(),
            ["kind"] = outcome.Kind?.ToString(),
            ["detail"] = outcome.Detail,
            ["written"] = outcome.CardWritten,
        };
    }

    public static CardOutcome ReadOutcome(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var kind = json["kind"]?.GetValue<string>();
        return new CardOutcome(Enum.Parse<MeterResult>(Text(json, "result")), kind is null ? null : Enum.Parse<CardKind>(kind), Text(json, "detail"),
            CardWritten: json["written"]!.GetValue<bool>());
    }

    private static string Text(JsonNode json, string name) => json[name]?.GetValue<string>() ?? throw new FormatException($"The lab line has no '{name}'.");

    private static long Long(JsonNode json, string name) =>
        json[name] is { } value ? value.GetValue<long>() : throw new FormatException($"The lab line has no '{name}'.");
}
