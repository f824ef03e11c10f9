using System.Text.Json.Nodes;

namespace PrepaidMeter.Lab.Tests.Scenarios;

/// <summary>
/// Mistakes made to the shipped card-not-swiped scenario, sorted by who catches them: ScenarioParser and
/// schemas/scenario.schema.json both, the parser alone (checks a schema cannot state), or the schema alone
/// (spellings the parser tolerates but the format does not document).
/// </summary>
internal static class ScenarioSchemaCases
{
    /// <summary>Refused by the parser and by the schema.</summary>
    public static readonly IReadOnlyDictionary<string, Action<JsonObject>> Broken = new Dictionary<string, Action<JsonObject>>
    {
        ["unknown member"] = s => s["colour"] = "red",
        ["$schema not a string"] = s => s["$schema"] = 5,
        ["steps not a list"] = s => s["steps"] = "many",
        ["model missing"] = s => s.Remove("model"),
        ["name missing"] = s => s.Remove("name"),
        ["no steps"] = s => s["steps"] = new JsonArray(),
        ["start not in UTC"] = s => s["start"] = "2026-01-05T08:00:00+08:00",
        ["start with a fraction of a second"] = s => s["start"] = "2026-01-05T08:00:00.5Z",
        ["a step that is not an object"] = s => Steps(s).Add("swipe"),
        ["step kind outside its names"] = s => Add(s, """{ "do": "dance" }"""),
        ["step without do"] = s => Add(s, """{ "energy": "10" }"""),
        ["unknown step member"] = s => Step(s, 3)["meterr"] = "12345678",
        ["member another step kind takes"] = s => Step(s, 2)["energy"] = "10",
        ["amount with three decimals"] = s => Step(s, 3)["energy"] = "10.005",
        ["amount as a word"] = s => Step(s, 3)["energy"] = "ten",
        ["sale without an amount"] = s => Step(s, 3).Remove("energy"),
        ["sale of energy and money"] = s => Step(s, 3)["money"] = "5",
        ["a null amount"] = s => Step(s, 3)["energy"] = null,
        ["a null description"] = s => s["description"] = null,
        ["negative offset"] = s => Add(s, """{ "do": "tamperCard", "offset": -1 }"""),
        ["duration without a unit"] = s => Add(s, """{ "do": "advance", "for": "90" }"""),
        ["duration in weeks"] = s => Add(s, """{ "do": "advance", "for": "1w" }"""),
        ["advance without for"] = s => Add(s, """{ "do": "advance" }"""),
        ["consume with load and profile"] = s => Add(s, """{ "do": "consume", "load": "2kW", "profile": "household", "for": "1h" }"""),
        ["consume with neither"] = s => Add(s, """{ "do": "consume", "for": "1h" }"""),
        ["an unshipped load profile"] = s => Add(s, """{ "do": "consume", "profile": "office", "for": "1h" }"""),
        ["power factor above 1"] = s => Add(s, """{ "do": "consume", "load": "2kW", "powerFactor": "1.2", "for": "1h" }"""),
        ["power in horsepower"] = s => Add(s, """{ "do": "consume", "load": "3hp", "for": "1h" }"""),
        ["remote command outside its names"] = s => Add(s, """{ "do": "remote", "command": "explode" }"""),
        ["tool card of a user kind"] = s => Add(s, """{ "do": "toolCard", "kind": "user" }"""),
        ["cut outside its names"] = s => Step(s, 2)["cut"] = "midway",
        ["meter number of 13 digits"] = s => Step(s, 2)["meter"] = "1234567890123",
        ["result on a step that inserts no card"] = s => Add(s, """{ "do": "advance", "for": "1h", "expect": { "result": "loaded" } }"""),
        ["refused on a step not at the counter"] = s => Expect(s, 2)["refused"] = "invalid",
        ["empty expect"] = s => Step(s, 3)["expect"] = new JsonObject(),
        ["unknown expectation"] = s => Expect(s, 2)["remainder"] = "60.00",
        ["relay outside its names"] = s => Expect(s, 2)["relay"] = "ajar",
        ["open reason outside its names"] = s => Expect(s, 2)["openReasons"] = new JsonArray("tired"),
        ["count as a fraction"] = s => Expect(s, 2)["purchaseCount"] = 1.5,
        ["alarm as a word"] = s => Expect(s, 2)["alarm"] = "yes",
        ["interrupt without afterBytes"] = s => Step(s, 3)["interrupt"] = "cardPulled",
        ["afterBytes without interrupt"] = s => Step(s, 3)["afterBytes"] = 4,
        ["interrupt outside its names"] = s => Interrupt(Step(s, 3), "dropped", 4),
        ["negative afterBytes of an interruption"] = s => Interrupt(Step(s, 3), "powerCut", -1),
        ["interrupt on a step that writes no customer card"] = s => Add(s, """{ "do": "takeReading", "interrupt": "cardPulled", "afterBytes": 4 }"""),
        ["interrupt on a swipe"] = s => Interrupt(Step(s, 2), "cardPulled", 4),
        ["afterBytes on a swipe without a cut"] = s => Step(s, 2)["afterBytes"] = 3,
        ["afterBytes with a cut that writes nothing"] = s => (Step(s, 2)["cut"], Step(s, 2)["afterBytes"]) = ("afterCommit", 3),
        ["negative afterBytes of a cut"] = s => (Step(s, 2)["cut"], Step(s, 2)["afterBytes"]) = ("duringCardWrite", -1),
        ["cardFault outside its names"] = s => Step(s, 2)["cardFault"] = "dropped",
        ["cardFault pulled without afterBytes"] = s => Step(s, 2)["cardFault"] = "pulled",
        ["cardFault pulled with an apdu"] = s => (Step(s, 2)["cardFault"], Step(s, 2)["afterBytes"], Step(s, 2)["apdu"]) = ("pulled", 6, 3),
        ["cardFault leave with afterBytes"] = s => (Step(s, 2)["cardFault"], Step(s, 2)["apdu"], Step(s, 2)["afterBytes"]) = ("leave", 3, 6),
        ["cardFault answer without sw"] = s => (Step(s, 2)["cardFault"], Step(s, 2)["apdu"]) = ("answer", 3),
        ["cardFault answer without apdu"] = s => (Step(s, 2)["cardFault"], Step(s, 2)["sw"]) = ("answer", "6F00"),
        ["cardFault with a cut"] = s => (Step(s, 2)["cardFault"], Step(s, 2)["afterBytes"], Step(s, 2)["cut"]) = ("pulled", 6, "duringCardWrite"),
        ["cardFault with cut none"] = s => (Step(s, 2)["cardFault"], Step(s, 2)["afterBytes"], Step(s, 2)["cut"]) = ("pulled", 6, "none"),
        ["apdu without cardFault"] = s => Step(s, 2)["apdu"] = 3,
        ["sw without cardFault"] = s => Step(s, 2)["sw"] = "6F00",
        ["apdu 1 of a card fault"] = s => (Step(s, 2)["cardFault"], Step(s, 2)["apdu"]) = ("leave", 1),
        ["sw of T=0 procedure bytes"] = s => (Step(s, 2)["cardFault"], Step(s, 2)["apdu"], Step(s, 2)["sw"]) = ("answer", 3, "6C00"),
        ["sw of three digits"] = s => (Step(s, 2)["cardFault"], Step(s, 2)["apdu"], Step(s, 2)["sw"]) = ("answer", 3, "6F0"),
        ["cardFault on a replay"] = s => Add(s, """{ "do": "replay", "image": "lost", "cardFault": "leave", "apdu": 3 }"""),
        ["pendingWrites as a fraction"] = s => Expect(s, 2)["pendingWrites"] = 1.5,
        ["recordedRemaining with three decimals"] = s => Expect(s, 2)["recordedRemaining"] = "1.005",
        ["result on readMeter"] = s => Add(s, """{ "do": "readMeter", "expect": { "result": "read" } }"""),
        ["refused on readMeter"] = s => Add(s, """{ "do": "readMeter", "expect": { "refused": "notFound" } }"""),
        ["result on recover"] = s => Add(s, """{ "do": "recover", "expect": { "result": "loaded" } }"""),
        ["unknown site member"] = s => s["site"] = new JsonObject { ["colour"] = "red" },
        ["secret not hex"] = s => s["site"] = new JsonObject { ["secret"] = "maintenance" },
        ["secret of 2 bytes"] = s => s["site"] = new JsonObject { ["secret"] = "5052" },
        ["group of 7 digits"] = s => s["site"] = new JsonObject { ["group"] = "1000001" },
        ["price not an object"] = s => s["site"] = new JsonObject { ["price"] = "0.5" },
        ["no meters in stock"] = s => s["site"] = new JsonObject { ["meters"] = new JsonArray() },
        ["a meter in stock twice"] = s => s["site"] = new JsonObject { ["meters"] = new JsonArray("12345678", "12345678") },
        ["unknown customer member"] = s => s["site"] = new JsonObject { ["customer"] = new JsonObject { ["phone"] = "555" } },
    };

    /// <summary>
    /// Refused by the parser, accepted by the schema: each compares one part of the file with another or a number
    /// with a bound a pattern cannot hold; the schema's descriptions say the parser keeps them.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Action<JsonObject>> LoaderOnly = new Dictionary<string, Action<JsonObject>>
    {
        // A step compared with the steps before it.
        // A model is a shipped id or a file beside the scenario: only the loader can look.
        ["a model neither shipped nor a file"] = s => s["model"] = "acme-e1",
        ["a sale before any account is open"] = s => Steps(s).Insert(0, JsonNode.Parse("""{ "do": "sell", "energy": "5" }""")),
        ["replay of an image never kept"] = s => Add(s, """{ "do": "replay", "image": "first" }"""),
        ["a recover before any account is open"] = s => Steps(s).Insert(0, JsonNode.Parse("""{ "do": "recover" }""")),
        // A step compared with the site's stock.
        ["a meter not in stock"] = s => Step(s, 2)["meter"] = "99",
        ["readMeter of a meter not in stock"] = s => Add(s, """{ "do": "readMeter", "meter": "99" }"""),
        // The same number written twice: uniqueItems compares text, not numbers.
        ["a meter in stock twice, spelt two ways"] = s => s["site"] = new JsonObject { ["meters"] = new JsonArray("12345678", "012345678") },
        // A number's size: the duration pattern holds digits and a unit.
        ["a duration past a century"] = s => Add(s, """{ "do": "advance", "for": "900000h" }"""),
        // A number's size: the power pattern holds digits and a unit.
        ["a load past 1000kW"] = s => Add(s, """{ "do": "consume", "load": "2000kW", "for": "1h" }"""),
        // The schema sees the number 100; the parser reads the number's text, "1e2", as an amount and refuses it.
        ["an amount in exponent notation"] = s => Step(s, 3)["energy"] = JsonNode.Parse("1e2"),
        // The calendar: the pattern knows the shape of a date, not which days exist.
        ["start on 30 February"] = s => s["start"] = "2026-02-30T08:00:00Z",
    };

    /// <summary>
    /// Accepted by the parser, refused by the schema: spellings the format does not document (docs/scenarios.md:
    /// names in camelCase, amounts with at most two decimals), so the schema holds a file to what the docs say.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Action<JsonObject>> SchemaOnly = new Dictionary<string, Action<JsonObject>>
    {
        // Names are parsed ignoring case.
        ["a step kind in another case"] = s => Step(s, 3)["do"] = "Sell",
        ["a result in another case"] = s => Expect(s, 2)["result"] = "LOADED",
        // Every text member takes a number too (JsonFields.Text), meant for amounts.
        ["a name that is a number"] = s => s["name"] = 42,
        // DateTimeOffset.TryParse takes many shapes of a UTC time.
        ["start with a space for T"] = s => s["start"] = "2026-01-05 08:00:00Z",
        // Energy.Parse takes a kWh suffix.
        ["an amount with kWh"] = s => Step(s, 3)["energy"] = "10kWh",
        // The price is checked by the counter when the scenario runs, not when the file is read.
        ["a price of an unknown kind"] = s => s["site"] = new JsonObject { ["price"] = new JsonObject { ["kind"] = "stepped" } },
    };

    private static JsonArray Steps(JsonObject scenario) => scenario["steps"]!.AsArray();

    /// <summary>The step at <paramref name="index"/>: 0 openAccount, 1 sell (refused), 2 swipe, 3 sell.</summary>
    private static JsonObject Step(JsonObject scenario, int index) => Steps(scenario)[index]!.AsObject();

    private static JsonObject Expect(JsonObject scenario, int index) => Step(scenario, index)["expect"]!.AsObject();

    private static void Add(JsonObject scenario, string step) => Steps(scenario).Add(JsonNode.Parse(step));

    private static void Interrupt(JsonObject step, string how, int afterBytes) => (step["interrupt"], step["afterBytes"]) = (how, afterBytes);
}
