using System.Text.Json;

namespace PrepaidMeter.Cards.Records;

/// <summary>A field of a card record that two readings of a card disagree on, as its JSON form prints it.</summary>
public readonly record struct CardFieldChange(string Field, string Before, string After);

/// <summary>
/// A card record as flat named fields ("purchaseCount", "returnWrite.remaining", "parameters.alarm1"): what a lab
/// report and a trace show name when they say which fields a write changed. The names and values are the record's
/// JSON form (<see cref="CardRecordJson"/>), so a field reads the same in `card decode`, reports and traces.
/// </summary>
public static class CardRecordFields
{
    /// <summary>Stands for a field one side carries and the other does not (a return-write not yet written).</summary>
    public const string Absent = "(absent)";

    public static Dictionary<string, string> Of(CardRecord record)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        using var json = JsonDocument.Parse(CardRecordJson.Write(record));
        Flatten(json.RootElement, "", fields);
        return fields;
    }

    /// <summary>The fields whose values differ, by name in ordinal order; a field on one side only is <see cref="Absent"/> on the other.</summary>
    public static IReadOnlyList<CardFieldChange> Changes(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return [.. before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(k => new CardFieldChange(k, before.GetValueOrDefault(k, Absent), after.GetValueOrDefault(k, Absent)))
            .Where(c => c.Before != c.After)];
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string> into)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}", into);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, $"{prefix}[{i++}]", into);
                }

                break;
            default:
                into[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
                break;
        }
    }
}
