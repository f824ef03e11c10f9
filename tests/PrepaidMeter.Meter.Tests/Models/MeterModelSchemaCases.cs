using System.Text.Json.Nodes;

namespace PrepaidMeter.Meter.Tests.Models;

/// <summary>
/// Mistakes made to a shipped model (pm-ref-full, legacy-money where the tariff is the point, pm-ref-water where the
/// water rules are), sorted by who
/// catches them: MeterModelLoader and schemas/meter-model.schema.json both, the loader alone (checks a schema
/// cannot state), or the schema alone (spellings the loader tolerates but the format does not document).
/// </summary>
internal static class MeterModelSchemaCases
{
    public sealed record Case(string Model, Action<JsonObject> Change);

    /// <summary>Refused by the loader and by the schema.</summary>
    public static readonly IReadOnlyDictionary<string, Case> Broken = new Dictionary<string, Case>
    {
        ["unknown member"] = Full(m => m["turboMode"] = true),
        ["unknown member in defaults"] = Full(m => m["defaults"]!["alarm3"] = "5.00"),
        ["$schema not a string"] = Full(m => m["$schema"] = 5),
        ["event log depth as a string"] = Full(m => m["eventLogDepth"] = "32"),
        ["amount as a number"] = Full(m => m["presetCredit"] = 10),
        ["layouts missing"] = Full(m => m.Remove("layouts")),
        ["no layouts"] = Full(m => m["layouts"] = new JsonArray()),
        ["defaults missing"] = Full(m => m.Remove("defaults")),
        ["id missing"] = Full(m => m.Remove("id")),
        ["blank id"] = Full(m => m["id"] = " "),
        ["credit unit outside its names"] = Full(m => m["creditUnit"] = "kwh"),
        ["amount with three decimals"] = Full(m => m["presetCredit"] = "10.005"),
        ["negative amount"] = Full(m => m["defaults"]!["alarm1"] = "-20.00"),
        ["amount with a comma"] = Full(m => m["emergencyCredit"] = "5,00"),
        ["negative power limit"] = Full(m => m["defaults"]!["powerLimitWatts"] = -1),
        ["event log depth 0"] = Full(m => m["eventLogDepth"] = 0),
        ["event log depth past 1024"] = Full(m => m["eventLogDepth"] = 2000),
        ["overdraft limit without overdraft"] = Full(m => m["overdraftAllowed"] = false),
        ["tariff on an energy meter"] = Full(m => m["tariff"] = new JsonObject { ["kind"] = "flat", ["price"] = "0.5" }),
        ["lockout after 0 trips"] = Full(m => m["powerLimit"]!["lockoutAfter"] = 0),
        ["power-limit window missing"] = Full(m => m["powerLimit"]!.AsObject().Remove("windowSeconds")),
        ["power factor above 1"] = Full(m => m["malignantLoad"]!["minPowerFactor"] = "1.5"),
        ["hour 25"] = Full(m => m["scheduledTrips"]![0]!["from"] = "25:00"),
        ["time without its leading zero"] = Full(m => m["friendlyPeriods"]!["night"]!["to"] = "6:00"),
        ["holiday not yyyy-MM-dd"] = Full(m => m["friendlyPeriods"]!["holidays"]![0] = "25/12/2026"),
        ["money meter without a tariff"] = Legacy(m => m.Remove("tariff")),
        ["tariff kind outside its names"] = Legacy(m => m["tariff"]!["kind"] = "stepped"),
        ["unknown member in the tariff"] = Legacy(m => m["tariff"]!["vat"] = 13),
        ["price with five decimals"] = Legacy(m => m["tariff"]!["blocks"]![0]!["price"] = "0.52831"),
        ["tiered tariff without blocks"] = Legacy(m => m["tariff"]!.AsObject().Remove("blocks")),
        ["composite price without an energy charge"] = Legacy(m => m["tariff"] = JsonNode.Parse(
            """{ "kind": "composite", "items": [ { "name": "tax", "kind": "tax", "basisPoints": 1300 } ] }""")),
        ["utility outside its names"] = Water(m => m["utility"] = "steam"),
        ["supply switch outside its names"] = Water(m => m["supplySwitch"] = "tap"),
        ["volume on an electricity meter"] = Full(m => m["creditUnit"] = "volume"),
        ["energy on a water meter"] = Water(m => m["creditUnit"] = "energy"),
        ["money on a water meter"] = Water(m => m["creditUnit"] = "money"),
        ["valve on an electricity meter"] = Full(m => m["supplySwitch"] = "valve"),
        ["relay on a water meter"] = Water(m => m["supplySwitch"] = "relay"),
        ["water meter without its valve rule"] = Water(m => m.Remove("valve")),
        ["valve rule on an electricity meter"] = Full(m => m["valve"] = Water()["valve"]!.DeepClone()),
        ["leak rule on an electricity meter"] = Full(m => m["leak"] = Water()["leak"]!.DeepClone()),
        ["battery on an electricity meter"] = Full(m => m["battery"] = Water()["battery"]!.DeepClone()),
        ["tamper watch on an electricity meter"] = Full(m => m["tamper"] = Water()["tamper"]!.DeepClone()),
        ["power limit on a water meter"] = Water(m => m["powerLimit"] = Full()["powerLimit"]!.DeepClone()),
        ["malignant load on a water meter"] = Water(m => m["malignantLoad"] = Full()["malignantLoad"]!.DeepClone()),
        ["power limit watts on a water meter"] = Water(m => m["defaults"]!["powerLimitWatts"] = 5000),
        ["tariff on a volume meter"] = Water(m => m["tariff"] = new JsonObject { ["kind"] = "flat", ["price"] = "0.5" }),
        ["unknown member in the valve"] = Water(m => m["valve"]!["travelMinutes"] = 1),
        ["valve travel of 0"] = Water(m => m["valve"]!["travelSeconds"] = 0),
        ["valve travel past ten minutes"] = Water(m => m["valve"]!["travelSeconds"] = 601),
        ["valve retries past 100"] = Water(m => m["valve"]!["retries"] = 101),
        ["valve retry interval missing"] = Water(m => m["valve"]!.AsObject().Remove("retryIntervalSeconds")),
        ["exercise every 0 days"] = Water(m => m["valve"]!["exerciseIntervalDays"] = 0),
        ["exercise cut without an exercise"] = Water(m => m["valve"]!.AsObject().Remove("exerciseIntervalDays")),
        ["exercise without its cut"] = Water(m => m["valve"]!.AsObject().Remove("longestExerciseCutSeconds")),
        ["exercise cut past an hour"] = Water(m => m["valve"]!["longestExerciseCutSeconds"] = 3601),
        ["leak minimum of 0"] = Water(m => m["leak"]!["minimumLitresPerHour"] = 0),
        ["leak window under a minute"] = Water(m => m["leak"]!["continuousSeconds"] = 59),
        ["leak window missing"] = Water(m => m["leak"]!.AsObject().Remove("continuousSeconds")),
        ["battery critical at 0"] = Water(m => m["battery"]!["criticalMillivolts"] = 0),
        ["battery fresh past 100 V"] = Water(m => m["battery"]!["freshMillivolts"] = 100_001),
        ["battery drain negative"] = Water(m => m["battery"]!["microvoltsPerDay"] = -1),
        ["battery member missing"] = Water(m => m["battery"]!.AsObject().Remove("microvoltsPerMotorRun")),
        ["tamper without caseSwitch"] = Water(m => m["tamper"]!.AsObject().Remove("caseSwitch")),
        ["tamper quiet under a minute"] = Water(m => m["tamper"]!["clearsAfterQuietSeconds"] = 59),
        ["caseSwitch as a string"] = Water(m => m["tamper"]!["caseSwitch"] = "yes"),
    };

    /// <summary>
    /// Refused by the loader, accepted by the schema: each compares two values, or asks the file system or the
    /// calendar, which JSON Schema cannot do; the schema's descriptions say the loader keeps them.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Case> LoaderOnly = new Dictionary<string, Case>
    {
        // Two amount strings compared.
        ["alarm 2 above alarm 1"] = Full(m => m["defaults"]!["alarm2"] = "30.00"),
        // Two amount strings compared.
        ["purchase limit not above alarm 1"] = Full(m => m["defaults"]!["purchaseLimit"] = "20.00"),
        // A layout is found by id or on disk.
        ["a layout nobody has"] = Full(m => m["layouts"] = new JsonArray("no-such-layout")),
        // Two times compared.
        ["a window that starts where it ends"] = Full(m => m["scheduledTrips"]![0]!["to"] = "02:00"),
        // The pattern knows months have at most 31 days, not which have fewer.
        ["30 February"] = Full(m => m["friendlyPeriods"]!["holidays"]![0] = "2026-02-30"),
        // Items compared: bounds must rise.
        ["tier bounds not rising"] = Legacy(m => m["tariff"]!["blocks"]![1]!["upTo"] = "100"),
        // The last item of a list cannot be told from the others.
        ["last tier bounded"] = Legacy(m => m["tariff"]!["blocks"]![2]!["upTo"] = "600"),
        // Items compared: two periods may not start together.
        ["two periods starting together"] = Tou(m => m["tariff"]!["periods"]![1]!["from"] = "23:00"),
        // A 13-digit amount matches the pattern; the loader checks the size.
        ["amount past the largest"] = Full(m => m["presetCredit"] = "9999999999999"),
        // Two amount strings compared, in m³ as in kWh.
        ["water alarm 2 above alarm 1"] = Water(m => m["defaults"]!["alarm2"] = "8.00"),
        // Two numbers compared: an exercise is a whole close and a whole reopen.
        ["exercise cut under twice the travel"] = Water(m => m["valve"]!["longestExerciseCutSeconds"] = 19),
        // Two numbers compared: the levels fall in order.
        ["battery low at the critical level"] = Water(m => m["battery"]!["lowMillivolts"] = 3000),
        // Two numbers compared.
        ["battery fresh under low"] = Water(m => m["battery"]!["freshMillivolts"] = 3100),
        // Two numbers compared: a drain of more than the fresh voltage a day.
        ["battery drained in a day"] = Water(m => m["battery"]!["microvoltsPerDay"] = 3_600_001),
    };

    /// <summary>
    /// Accepted by the loader, refused by the schema: spellings the format does not document, so the schema holds
    /// a file to what the docs say.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Case> SchemaOnly = new Dictionary<string, Case>
    {
        // The loader reads JSON null as "absent" for text, list and object members; a command given the file checks its
        // schema first (VendorFiles.Model), so there it is refused.
        ["null description"] = Full(m => m["description"] = null),
        ["null emergency credit"] = Full(m => m["emergencyCredit"] = null),
        // Money.Parse trims its text.
        ["amount with spaces around it"] = Full(m => m["presetCredit"] = " 10.00 "),
        // Absent and null both mean "never exercised" to the loader; the format has no nulls.
        ["null exercise interval and cut"] = Water(m =>
        {
            m["valve"]!["exerciseIntervalDays"] = null;
            m["valve"]!["longestExerciseCutSeconds"] = null;
        }),
    };

    private static Case Full(Action<JsonObject> change) => new("pm-ref-full", change);

    private static Case Legacy(Action<JsonObject> change) => new("legacy-money", change);

    private static Case Tou(Action<JsonObject> change) => new("pm-ref-money-tou", change);

    private static Case Water(Action<JsonObject> change) => new("pm-ref-water", change);

    private static JsonObject Water() => Shipped("pm-ref-water");

    private static JsonObject Full() => Shipped("pm-ref-full");

    private static JsonObject Shipped(string id) => JsonNode.Parse(File.ReadAllText(Testing.RepoPaths.Fixtures("models", id + ".json")))!.AsObject();
}
