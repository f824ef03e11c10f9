using System.Collections.Frozen;
using System.Text.Json;
using Json.Schema;
using PrepaidMeter.Core;

namespace PrepaidMeter.Lab.Files;

/// <summary>
/// The JSON Schemas of the vendor's files (schemas/*.schema.json, embedded), and every place a document breaks
/// them as a <see cref="FileMistake"/>. Built once, in a registry of their own, so a caller that builds the same
/// schemas (a test) does not collide with them.
/// </summary>
public static class VendorSchemas
{
    private static readonly Lazy<FrozenDictionary<VendorFileKind, JsonSchema>> Schemas = new(Build);

    /// <summary>The schema file of each kind, as it is named under schemas/.</summary>
    public static string FileName(VendorFileKind kind) => kind switch
    {
        VendorFileKind.Layout => "card-layout.schema.json",
        VendorFileKind.Model => "meter-model.schema.json",
        VendorFileKind.Scenario => "scenario.schema.json",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Where <paramref name="document"/> breaks the schema of <paramref name="kind"/>; empty when it keeps it.</summary>
    public static IReadOnlyList<FileMistake> Mistakes(VendorFileKind kind, string file, JsonElement document)
    {
        var results = Schemas.Value[kind].Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        return results.IsValid
            ? []
            : [.. Leaves(results).Select(e => new FileMistake(file, JsonPath(e.Location), e.Message)).Distinct()];
    }

    /// <summary>
    /// What is wrong where, once each: the failures at the leaves of the failed part of the tree. A part that passed
    /// says nothing (the flat list output would repeat the failed alternatives of every field that matched one), a
    /// failure repeated up the tree ("a property failed", "all of failed") is left to its leaf, and of a failed
    /// anyOf/oneOf only the alternative that came closest — the fewest failures — is told, as that is the one meant.
    /// </summary>
    private static List<(string Location, string Message)> Leaves(EvaluationResults node)
    {
        if (node.IsValid)
        {
            return [];
        }

        // An "if" that does not hold is no mistake: it only chooses between "then" and "else", which say their own.
        var failed = (node.Details ?? []).Where(d => !d.IsValid && !d.EvaluationPath.ToString().EndsWith("/if", StringComparison.Ordinal)).ToList();
        var found = new List<(string, string)>();
        foreach (var group in failed.GroupBy(d => Parent(d.EvaluationPath.ToString())))
        {
            var told = group.Select(Leaves).ToList();
            found.AddRange(group.Key.EndsWith("/anyOf", StringComparison.Ordinal) || group.Key.EndsWith("/oneOf", StringComparison.Ordinal)
                ? told.MinBy(t => t.Count)!
                : told.SelectMany(t => t));
        }

        var own = (node.Errors ?? new Dictionary<string, string>())
            .Where(e => e.Key is not ("properties" or "allOf" or "$ref" or "items" or "prefixItems" or "then" or "else")
                && !(found.Count > 0 && e.Key is "anyOf" or "oneOf"))
            .Select(e => (node.InstanceLocation.ToString(), Reason(e.Key, e.Value)));
        return [.. own, .. found];
    }

    /// <summary>The validator's words, but a member the schema has no place for (additionalProperties: false) named as such.</summary>
    private static string Reason(string keyword, string message) =>
        keyword == "false" || message.StartsWith("All values fail against the false schema", StringComparison.Ordinal)
            ? "an unknown member: the format has none of this name here"
            : message;

    private static string Parent(string evaluationPath) => evaluationPath[..Math.Max(0, evaluationPath.LastIndexOf('/'))];

    /// <summary>A JSON Pointer (<c>/steps/3/do</c>) written as the path the docs use (<c>$.steps[3].do</c>).</summary>
    internal static string JsonPath(string pointer)
    {
        var path = new System.Text.StringBuilder("$");
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            path.Append(int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
                ? $"[{index}]"
                : name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? $".{name}" : $"['{name}']");
        }

        return path.ToString();
    }

    private const string TariffFileName = "tariff.schema.json";

    private static Uri AddressOf(string file) => new($"https://prepaidmeter.invalid/schemas/{file}");

    private static FrozenDictionary<VendorFileKind, JsonSchema> Build()
    {
        // The validator's own enum message names neither the value nor the choices; a vendor needs both.
        ErrorMessages.Enum = "[[received]] is not one of [[values]]";
        var texts = EmbeddedText.ReadAll(typeof(VendorSchemas).Assembly, "schemas/").ToDictionary(t => t.Name, t => t.Text, StringComparer.Ordinal);
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        string Text(string file) => texts.TryGetValue("schemas/" + file, out var text)
            ? text
            : throw new InvalidOperationException($"schemas/{file} is not embedded in {typeof(VendorSchemas).Assembly.GetName().Name}");

        // Each schema at an address in one folder, so a relative $ref finds its neighbour as an editor finds it beside
        // the file. The tariff first: the model schema refers to it ("tariff": {"$ref": "tariff.schema.json"}).
        var tariff = JsonSchema.FromText(Text(TariffFileName), options, AddressOf(TariffFileName));
        options.SchemaRegistry.Register(AddressOf(TariffFileName), tariff);
        return Enum.GetValues<VendorFileKind>().ToFrozenDictionary(kind => kind, kind => JsonSchema.FromText(Text(FileName(kind)), options, AddressOf(FileName(kind))));
    }
}
