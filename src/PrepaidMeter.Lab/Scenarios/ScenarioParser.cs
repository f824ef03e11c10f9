using System.Globalization;
using System.Text.Json;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Scenarios;

/// <summary>
/// Reads a scenario file (docs/scenarios.md). Everything is checked before anything runs: an unknown
/// step or field, a value of the wrong type, an expectation that can name nothing after its step — each
/// is reported with the file, the step number and what is wrong, and the scenario is refused whole.
/// </summary>
public static partial class ScenarioParser
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private const string TopLevel = "a scenario takes name, description, model, start, site and steps (and $schema, for an editor)";
    private const string SiteFields = "site takes group, secret, alarm1, alarm2, overdraft, purchaseLimit, powerLimit, price, customer and meters";

    /// <summary>
    /// Reads a scenario from its JSON text; <paramref name="source"/> names it in messages. A model named by a
    /// relative path is taken from <paramref name="folder"/> (the scenario file's folder), or from the current
    /// directory when it is null.
    /// </summary>
    public static ScenarioLoadResult Parse(string json, string source, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.AsMemory().TrimStart('\uFEFF'), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return new(null, [$"{source}: not JSON: {e.Message}"]);
        }

        using (document)
        {
            var errors = new List<string>();
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(null, [$"{source}: a scenario is a JSON object, not {JsonFields.Describe(document.RootElement)}"]);
            }

            var root = new JsonFields(document.RootElement, source, errors);
            ReadSchemaReference(root);
            var name = root.Text("name", required: true);
            var description = root.Text("description") ?? "";
            var model = ReadModel(root, folder);
            var start = root.Parsed("start", ParseStart) ?? DefaultStart;
            var site = ReadSite(root, model);
            var steps = root.Array("steps", required: true) is { } list ? ReadSteps(list, source, errors) : [];
            root.RefuseUnread(TopLevel);
            foreach (var step in steps.Where(s => s.Meter is { } m && !site.Meters.Contains(m)))
            {
                errors.Add($"{source}, step {step.Number} ('{StepKinds.NameOf(step.Kind)}'): meter {step.Meter} is not in stock at the site ({string.Join(", ", site.Meters)})");
            }

            foreach (var (step, problem) in model is null ? [] : ModelProblems(model, steps))
            {
                errors.Add($"{source}, step {step.Number} ('{StepKinds.NameOf(step.Kind)}'): {problem}");
            }

            if (model?.Token is { } rule && site.Group.Value != rule.SupplyGroup && steps.FirstOrDefault(s => s.Kind == StepKind.SellToken) is { } sale)
            {
                errors.Add($"{source}, step {sale.Number} ('sellToken'): the back office sells tokens under the site's supply group {site.Group} as their SGC, "
                    + $"and model {model.Id}'s meters hold SGC {rule.SupplyGroup:D6}: give the site that group, or none (a token model's site takes its SGC)");
            }

            foreach (var (step, problem) in StepOrder.Problems(steps))
            {
                errors.Add($"{source}, step {step.Number} ('{StepKinds.NameOf(step.Kind)}'): {problem}");
            }

            if (steps.Count == 0 && errors.Count == 0)
            {
                errors.Add($"{source}: 'steps' is empty: a scenario needs at least one step");
            }

            if (errors.Count > 0 || model is null || name is null)
            {
                return new(null, errors);
            }

            return new(new Scenario { Name = name, Description = description, Source = source, Model = model, Start = start, Site = site, Steps = steps }, []);
        }
    }

    /// <summary>Reads a scenario file; a file that cannot be read is one error, never an exception.</summary>
    public static ScenarioLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return Parse(Cards.Layouts.FileText.Read(path), path, Path.GetDirectoryName(Path.GetFullPath(path)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(null, [$"{path}: cannot be read: {e.Message}"]);
        }
    }

    /// <summary>
    /// "$schema" names the JSON Schema an editor checks the file against (schemas/scenario.schema.json); it is
    /// read so that unknown fields stay refused, and otherwise ignored.
    /// </summary>
    private static void ReadSchemaReference(JsonFields root)
    {
        if (root.Element("$schema") is { ValueKind: not JsonValueKind.String } schema)
        {
            root.Error($"'$schema' must be a string, the path or address of a JSON Schema, not {JsonFields.Describe(schema)}");
        }
    }

    private static MeterModel? ReadModel(JsonFields root, string? folder)
    {
        if (root.Text("model", required: true) is not { } idOrPath)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(idOrPath))
        {
            root.Error("'model' is empty: name a shipped model id or a model file");
            return null;
        }

        MeterModelLoadResult resolved;
        try
        {
            resolved = MeterModels.Resolve(idOrPath, folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            root.Error($"'model': {idOrPath} cannot be read: {e.Message}");
            return null;
        }

        foreach (var error in resolved.Errors)
        {
            root.Error($"'model': {error}");
        }

        return resolved.Model;
    }

    private static ParseResult<DateTimeOffset> ParseStart(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at.Offset == TimeSpan.Zero
            && at.Ticks % TimeSpan.TicksPerSecond == 0
            ? ParseResult<DateTimeOffset>.ForValue(at)
            : ParseResult<DateTimeOffset>.ForError($"'{text}' is not a UTC time in whole seconds such as 2026-01-05T08:00:00Z");

    /// <summary>The site's set-up; on a token model the supply group defaults to the model's SGC, so that the counter's tokens are the meter's.</summary>
    private static SiteSetup ReadSite(JsonFields root, MeterModel? model)
    {
        var site = model?.Token is { } rule ? new SiteSetup { Group = SupplyGroupCode.From(checked((ulong)rule.SupplyGroup)) } : new SiteSetup();
        if (root.Object("site") is not { } fields)
        {
            return site;
        }

        site = site with
        {
            Group = fields.Parsed("group", SupplyGroupCode.Parse) ?? site.Group,
            Alarm1 = fields.Hundredths("alarm1"),
            Alarm2 = fields.Hundredths("alarm2"),
            Overdraft = fields.Hundredths("overdraft"),
            PurchaseLimit = fields.Hundredths("purchaseLimit"),
            PowerLimitWatts = fields.Parsed("powerLimit", ParsePower),
        };
        if (fields.Text("secret") is { } secret)
        {
            if (SupplyGroupKeys.TryParseSecret(secret, out _) is { } problem)
            {
                fields.Error($"'secret': {problem}");
            }
            else
            {
                site = site with { Secret = Convert.FromHexString(secret.Trim()) }; // the check trims; so does the reading
            }
        }

        if (fields.Element("price") is { } price)
        {
            if (price.ValueKind != JsonValueKind.Object)
            {
                fields.Error($"'price' must be a price definition object such as {{\"kind\":\"flat\",\"price\":\"0.5000\"}}, not {JsonFields.Describe(price)}");
            }
            else
            {
                site = site with { Price = price.GetRawText() };
            }
        }

        if (fields.Object("customer") is { } customer)
        {
            site = site with
            {
                CustomerName = customer.Text("name") ?? site.CustomerName,
                CustomerAddress = customer.Text("address") ?? site.CustomerAddress,
            };
            customer.RefuseUnread("customer takes name and address");
        }

        if (fields.Array("meters") is { } meters)
        {
            var numbers = new List<MeterNumber>();
            foreach (var meter in meters)
            {
                var parsed = MeterNumber.Parse(meter.ValueKind == JsonValueKind.String ? meter.GetString() : meter.GetRawText());
                if (parsed.TryGetValue(out var number))
                {
                    numbers.Add(number);
                }
                else
                {
                    fields.Error($"'meters': {parsed.Error}");
                }
            }

            if (numbers.Count == 0 || numbers.Distinct().Count() != numbers.Count)
            {
                fields.Error("'meters' must name at least one meter, each once");
            }
            else
            {
                site = site with { Meters = numbers };
            }
        }

        fields.RefuseUnread(SiteFields);
        return site;
    }

    private static ParseResult<uint> ParsePower(string text) =>
        Meter.Load.LoadProfile.TryParsePower(text, out var watts) is { } problem
            ? ParseResult<uint>.ForError(problem)
            : ParseResult<uint>.ForValue(checked((uint)watts));
}
