using System.Text.Json;
using Json.Schema;

namespace PrepaidMeter.Testing;

/// <summary>
/// The repository's JSON Schemas (schemas/*.schema.json), read from the working tree rather than copied to the
/// output, so a test holds a loader to the very files an editor uses.
/// </summary>
public static class JsonSchemas
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Built = new(BuildAll);

    /// <summary>The loaders skip comments and allow trailing commas; the instance is read the same way.</summary>
    private static readonly JsonDocumentOptions InstanceOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static string Path(string fileName) => System.IO.Path.Combine(RepoPaths.Root, "schemas", fileName);

    /// <summary>Every place <paramref name="json"/> breaks the schema, as "JSON pointer: message"; empty when it validates.</summary>
    public static IReadOnlyList<string> Problems(string schemaFile, string json)
    {
        using var document = JsonDocument.Parse(json, InstanceOptions);
        var results = Built.Value[schemaFile].Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var problems = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .ToList();
        return problems.Count > 0 ? problems : ["(invalid, with no message)"];
    }

    private static Dictionary<string, JsonSchema> BuildAll()
    {
        // One registry for all, so the model and scenario schemas find tariff.schema.json by their relative $ref,
        // as an editor does. The tariff goes first: the others refer to it.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var files = Directory.GetFiles(System.IO.Path.Combine(RepoPaths.Root, "schemas"), "*.schema.json")
            .OrderBy(f => System.IO.Path.GetFileName(f) == "tariff.schema.json" ? 0 : 1)
            .ThenBy(f => f, StringComparer.Ordinal);
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var schema = JsonSchema.FromFile(file, options, new Uri(file));
            options.SchemaRegistry.Register(new Uri(file), schema);
            schemas.Add(System.IO.Path.GetFileName(file), schema);
        }

        return schemas;
    }
}
