using System.Text.Json;
using System.Text.RegularExpressions;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Files;

/// <summary>
/// Checks a vendor's file before anything uses it (`prepaid layout|model|lab check`): first its schema, which finds
/// every structural mistake at once with its JSON path; then, when the structure holds, its loader, which finds the
/// rules between members (alarm 2 above alarm 1, overlapping fields, a layout that does not fit its card) and the
/// files it names (a model's layouts, a scenario's model, from the file's own folder).
/// </summary>
public static partial class VendorFiles
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static FileCheckResult Check(VendorFileKind kind, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refused(kind, path, [new(path, "$", Directory.Exists(path) ? "a folder, not a file" : $"cannot be read: {e.Message}")]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException e)
        {
            return Refused(kind, path, [new(path, "$", $"not JSON: line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}")]);
        }

        using (document)
        {
            var structural = VendorSchemas.Mistakes(kind, path, document.RootElement);
            if (structural.Count > 0)
            {
                return Refused(kind, path, structural);
            }

            var (errors, summary) = Load(kind, path, text);
            return errors.Count > 0
                ? Refused(kind, path, [.. errors.Select(e => FromLoader(path, e, document.RootElement))])
                : new(path, kind, [], summary);
        }
    }

    private static (IReadOnlyList<string> Errors, string? Summary) Load(VendorFileKind kind, string path, string text)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        switch (kind)
        {
            case VendorFileKind.Layout:
                var layout = LayoutCompiler.Load(text, path);
                return (layout.Errors, layout.Layout is { } l
                    ? $"layout {l.Id} version {l.Version}: {l.Size} bytes, {(l.HasMac ? "MAC" : "no MAC: cards can be forged by anyone who knows the layout")}; SHA-256 {l.Sha256}"
                    : null);
            case VendorFileKind.Model:
                var model = MeterModelLoader.Load(text, path, folder);
                return (model.Errors, model.Model is { } m
                    ? $"model {m.Id} ({m.CreditUnit}), layouts {string.Join(", ", m.Layouts.Select(x => $"{x.Id} (SHA-256 {x.Sha256})"))}; SHA-256 {m.Sha256}"
                    : null);
            case VendorFileKind.Scenario:
                var scenario = ScenarioParser.Parse(text, path, folder);
                return (scenario.Errors, scenario.Scenario is { } s
                    ? $"scenario {s.Name}: {s.Steps.Count} steps on model {s.Model.Id}"
                    : null);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>
    /// A loader's message as a mistake: "FILE: member.path: reason" and "FILE, step N ('kind'): reason" carry their
    /// place in the JSON; any other message is about the file as a whole and names what it is about itself.
    /// </summary>
    private static FileMistake FromLoader(string path, string error, JsonElement root)
    {
        var rest = error.StartsWith(path, StringComparison.Ordinal) ? error[path.Length..] : error;
        if (StepPrefix().Match(rest) is { Success: true } step)
        {
            return new(path, $"$.steps[{int.Parse(step.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1}]", $"'{step.Groups[2].Value}': {step.Groups[3].Value}");
        }

        rest = rest.StartsWith(": ", StringComparison.Ordinal) ? rest[2..] : rest;
        if (MemberPrefix().Match(rest) is { Success: true } member && root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty(member.Groups[1].Value.Split('.', '[')[0], out _))
        {
            return new(path, "$." + member.Groups[1].Value, member.Groups[2].Value);
        }

        return new(path, "$", rest);
    }

    private static FileCheckResult Refused(VendorFileKind kind, string path, IReadOnlyList<FileMistake> mistakes) => new(path, kind, mistakes, null);

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();

    [GeneratedRegex(@"^, step (\d+) \('([^']*)'\): (.*)$", RegexOptions.Singleline)]
    private static partial Regex StepPrefix();

    [GeneratedRegex(@"^([a-zA-Z][a-zA-Z0-9]*(?:(?:\.[a-zA-Z][a-zA-Z0-9]*)|(?:\[\d+\]))*): (.*)$", RegexOptions.Singleline)]
    private static partial Regex MemberPrefix();
}
