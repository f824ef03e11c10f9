using System.Text.Json.Nodes;

namespace PrepaidMeter.Cards.Tests.Layouts;

/// <summary>
/// Mistakes made to the shipped pm-ref-v1 descriptor, sorted by who catches them: the loader and
/// schemas/card-layout.schema.json both, the loader alone (checks a schema cannot state), or the schema alone
/// (spellings the loader tolerates but the format does not document).
/// </summary>
internal static class LayoutSchemaCases
{
    /// <summary>Refused by LayoutCompiler and by the schema.</summary>
    public static readonly IReadOnlyDictionary<string, Action<JsonObject>> Broken = new Dictionary<string, Action<JsonObject>>
    {
        ["unknown member"] = l => l["colour"] = "red",
        ["member in another case"] = l => Rename(l, "size", "Size"),
        ["$schema not a string"] = l => l["$schema"] = 5,
        ["size as a string"] = l => l["size"] = "256",
        ["kinds missing"] = l => l.Remove("kinds"),
        ["fields missing"] = l => l.Remove("fields"),
        ["id in upper case"] = l => l["id"] = "PM-Ref",
        ["version 0"] = l => l["version"] = 0,
        ["negative size"] = l => l["size"] = -256,
        ["size past 8192"] = l => l["size"] = 9000,
        ["fill not a byte"] = l => l["fill"] = 256,
        ["kinds without blank"] = l => l["kinds"]!.AsObject().Remove("blank"),
        ["unknown kind"] = l => l["kinds"]!["refund"] = 9,
        ["kind code not a byte"] = l => l["kinds"]!["user"] = 300,
        ["unknown field name"] = l => Field(l, "purchaseAmount")["name"] = "purchaseAmmount",
        ["field without a length"] = l => Field(l, "cardSerial").Remove("length"),
        ["negative field length"] = l => Field(l, "cardSerial")["length"] = -4,
        ["unknown encoding"] = l => Field(l, "meterNumber")["encoding"] = "bcd-be",
        ["layout tag not raw"] = l => Field(l, "layoutTag")["encoding"] = "uint-be",
        ["raw on a number"] = l => Field(l, "cardSerial")["encoding"] = "raw",
        ["bcd-datetime on the kind"] = l => Field(l, "kind")["encoding"] = "bcd-datetime",
        ["bcd longer than 9 bytes"] = l => Field(l, "customerNumber")["length"] = 10,
        ["kind of 2 bytes"] = l => Field(l, "kind")["length"] = 2,
        ["scale on a count"] = l => Field(l, "purchaseCount")["scale"] = 0,
        ["scale above 6"] = l => Field(l, "purchaseAmount")["scale"] = 7,
        ["layout tag not hex"] = l => Field(l, "layoutTag")["value"] = "PM1",
        ["layout tag without value"] = l => Field(l, "layoutTag").Remove("value"),
        ["value on a field other than the tag"] = l => Field(l, "cardSerial")["value"] = "00000001",
        ["no layout tag"] = l => RemoveField(l, "layoutTag"),
        ["unknown checksum algorithm"] = l => Checksum(l)["algorithm"] = "crc8",
        ["checksum byte order"] = l => Checksum(l)["byteOrder"] = "middle",
        ["checksum covering nothing"] = l => Checksum(l)["covers"] = new JsonArray(),
        ["range without a length"] = l => Checksum(l)["covers"]![0]!.AsObject().Remove("length"),
        ["unknown MAC algorithm"] = l => l["mac"]!["algorithm"] = "hmac-md5",
        ["MAC of 2 bytes"] = l => l["mac"]!["length"] = 2,
        ["unknown member in the data area"] = l => l["dataArea"]!["size"] = 224,
    };

    /// <summary>
    /// Refused by LayoutCompiler, accepted by the schema: each compares values with one another or with the size,
    /// which JSON Schema cannot do, so the descriptions say the loader keeps them.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Action<JsonObject>> LoaderOnly = new Dictionary<string, Action<JsonObject>>
    {
        // Two fields' offsets and lengths compared.
        ["overlapping fields"] = l => Field(l, "cardSerial")["offset"] = 50,
        // An offset compared with the data area's.
        ["field outside the data area"] = l => Field(l, "meterNumber")["offset"] = 10,
        // The data area compared with the size.
        ["data area past the image"] = l => l["dataArea"] = new JsonObject { ["offset"] = 200, ["length"] = 100 },
        // Two values of the kinds object compared.
        ["two kinds sharing a code"] = l => l["kinds"]!["test"] = 1,
        // Which fields are required depends on which kinds are listed.
        ["a field a listed kind carries missing"] = l => RemoveField(l, "purchaseCount"),
        // The hex value's byte count compared with the field's length.
        ["layout tag shorter than its field"] = l => Field(l, "layoutTag")["value"] = "504D",
        // A checksum's ranges compared with its own position.
        ["checksum covering itself"] = l => Checksum(l)["covers"] = new JsonArray(new JsonObject { ["offset"] = 32, ["length"] = 218 }),
        // The MAC's ranges compared with a checksum's position.
        ["MAC covering the checksum"] = l => l["mac"]!["covers"] = new JsonArray(new JsonObject { ["offset"] = 248, ["length"] = 2 }),
        // A field placed twice: two array items compared.
        ["a field placed twice"] = l => Fields(l).Add(new JsonObject { ["name"] = "price", ["offset"] = 100, ["length"] = 4, ["encoding"] = "uint-be" }),
    };

    /// <summary>
    /// Accepted by LayoutCompiler, refused by the schema: spellings the format does not document, so the schema holds
    /// a file to what the docs say.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Action<JsonObject>> SchemaOnly = new Dictionary<string, Action<JsonObject>>
    {
        // The loader reads JSON null as "absent" for text and list members; a command given the file checks its schema
        // first (VendorFiles.Layout), so there it is refused.
        ["null description"] = l => l["description"] = null,
        ["null checksums"] = l => l["checksums"] = null,
        // ByteRange.End is a computed property marked [JsonIgnore]; System.Text.Json skips a member of that name
        // instead of refusing it as unknown.
        ["end in a byte range"] = l => l["dataArea"]!["end"] = 255,
    };

    private static JsonArray Fields(JsonObject layout) => layout["fields"]!.AsArray();

    private static JsonObject Field(JsonObject layout, string name) =>
        Fields(layout).Select(f => f!.AsObject()).First(f => (string?)f["name"] == name);

    private static void RemoveField(JsonObject layout, string name) => Fields(layout).Remove(Field(layout, name));

    private static JsonObject Checksum(JsonObject layout) => layout["checksums"]![0]!.AsObject();

    private static void Rename(JsonObject layout, string from, string to)
    {
        var value = layout[from];
        layout.Remove(from);
        layout[to] = value;
    }
}
