using System.Text;
using System.Text.Json;

namespace PrepaidMeter.Cli.Printing;

/// <summary>A card record's JSON as aligned "name  value" lines for people.</summary>
internal static class RecordText
{
    public static string Readable(string json)
    {
        using var document = JsonDocument.Parse(json);
        var lines = new List<(string Name, string Value)>();
        Flatten(document.RootElement, "", lines);
        var width = lines.Max(l => l.Name.Length);
        var text = new StringBuilder();
        foreach (var (name, value) in lines)
        {
            text.Append(name.PadRight(width + 2)).Append(value).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static void Flatten(JsonElement element, string prefix, List<(string, string)> lines)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix + property.Name;
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(property.Value, name + ".", lines);
                    break;
                case JsonValueKind.Array:
                    lines.Add((name, string.Join(", ", property.Value.EnumerateArray().Select(v => v.ToString()))));
                    break;
                default:
                    lines.Add((name, property.Value.ToString()));
                    break;
            }
        }
    }
}
