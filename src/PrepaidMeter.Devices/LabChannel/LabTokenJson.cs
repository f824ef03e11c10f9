using System.Text.Json.Nodes;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Tokens;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Devices.LabChannel;

/// <summary>
/// A token meter on the lab channel: what its keypad answered to each enter (<see cref="TokenOutcome"/>), and its STS
/// registers in the snapshot (<see cref="TokenSnapshot"/>: identity, key revision, base date, key expiry, TID memory,
/// lock-out, pending key change sections, management values — never the key), read back exactly.
/// </summary>
public static class LabTokenJson
{
    /// <summary>Each enter's answer as <c>{"response":"Used","display":"Used","detail":"…","shown":[…]}</c>, in order.</summary>
    public static JsonArray Outcomes(IEnumerable<TokenOutcome> outcomes) =>
        new([.. outcomes.Select(o => (JsonNode)new JsonObject
        {
            ["response"] = o.Response.ToString(),
            ["display"] = o.Display,
            ["detail"] = o.Detail,
            ["shown"] = new JsonArray([.. o.Shown.Select(s => (JsonNode?)JsonValue.Create(s))]),
        })]);

    /// <exception cref="FormatException">A field missing, or a response code no meter shows.</exception>
    public static IReadOnlyList<TokenOutcome> ReadOutcomes(JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return [.. json.AsArray().Select(o => new TokenOutcome(
            Named<TokenResponse>(Text(o!, "response"), "token response"),
            Text(o!, "display"),
            Text(o!, "detail"),
            [.. (o!["shown"] ?? throw Missing("shown")).AsArray().Select(s => s!.GetValue<string>())]))];
    }

    /// <summary>The registers; <see cref="TokenSnapshot.ClearedCredit"/> in hundredths of the snapshot's credit unit.</summary>
    public static JsonObject TokenSide(TokenSnapshot t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new JsonObject
        {
            ["iin"] = t.Iin,
            ["drn"] = t.Drn,
            ["algorithm"] = t.Algorithm.ToString(),
            ["keyType"] = t.KeyType,
            ["supplyGroup"] = t.SupplyGroup,
            ["tariffIndex"] = t.TariffIndex,
            ["keyRevision"] = t.KeyRevision,
            ["baseDate"] = (int)t.BaseDate,
            ["keyExpiry"] = t.KeyExpiry,
            ["tidsKept"] = t.TidsKept,
            ["tidMemory"] = t.TidMemory,
            ["newestTid"] = t.NewestTid,
            ["invalidInARow"] = t.InvalidInARow,
            ["lockedUntil"] = t.LockedUntil?.ToUnixTimeSeconds(),
            ["pendingSections"] = new JsonArray([.. t.PendingSections.Select(s => (JsonNode?)JsonValue.Create(s))]),
            ["tariffRate"] = t.TariffRate,
            ["waterFactor"] = t.WaterFactor,
            ["phaseUnbalanceWatts"] = t.PhaseUnbalanceWatts,
            ["clearedCredit"] = t.ClearedCredit.Hundredths,
        };
    }

    /// <summary>The registers a snapshot line holds under "token"; null for a meter without a keypad (the key absent or null).</summary>
    /// <exception cref="FormatException">A field missing, or a base date or algorithm no meter holds.</exception>
    public static TokenSnapshot? ReadTokenSide(JsonNode? json, CreditUnit unit)
    {
        if (json is null)
        {
            return null;
        }

        var baseDate = (BaseDate)Int(json, "baseDate");
        if (!Enum.IsDefined(baseDate))
        {
            throw new FormatException($"base date {(int)baseDate} is none of 1993, 2014 and 2035");
        }

        return new TokenSnapshot(
            Text(json, "iin"),
            Text(json, "drn"),
            Named<EncryptionAlgorithm>(Text(json, "algorithm"), "encryption algorithm"),
            Int(json, "keyType"),
            Int(json, "supplyGroup"),
            Int(json, "tariffIndex"),
            Int(json, "keyRevision"),
            baseDate,
            Int(json, "keyExpiry"),
            Int(json, "tidsKept"),
            Int(json, "tidMemory"),
            json["newestTid"]?.GetValue<int>(),
            Int(json, "invalidInARow"),
            json["lockedUntil"]?.GetValue<long>() is { } locked ? DateTimeOffset.FromUnixTimeSeconds(locked) : null,
            [.. (json["pendingSections"] ?? throw Missing("pendingSections")).AsArray().Select(s => s!.GetValue<string>())],
            json["tariffRate"]?.GetValue<ushort>(),
            json["waterFactor"]?.GetValue<ushort>(),
            json["phaseUnbalanceWatts"]?.GetValue<long>(),
            new CreditAmount(unit, (json["clearedCredit"] ?? throw Missing("clearedCredit")).GetValue<long>()));
    }

    /// <summary>
    /// An enum value by its name as the enum spells it. Enum.Parse alone would also take a number, and an undefined one
    /// would then pass for a code; a name that is none of them is refused naming it.
    /// </summary>
    private static T Named<T>(string text, string what)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (value.ToString() == text)
            {
                return value;
            }
        }

        throw new FormatException($"'{text}' is no {what} ({string.Join(", ", Enum.GetNames<T>())})");
    }

    private static string Text(JsonNode json, string name) => json[name]?.GetValue<string>() ?? throw Missing(name);

    private static int Int(JsonNode json, string name) => json[name] is { } value ? value.GetValue<int>() : throw Missing(name);

    private static FormatException Missing(string name) => new($"The lab line's token side has no '{name}'.");
}
