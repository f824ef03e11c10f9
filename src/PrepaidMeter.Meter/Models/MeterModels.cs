using System.Collections.Frozen;

namespace PrepaidMeter.Meter.Models;

/// <summary>The shipped models (fixtures/models, embedded) and the way a user names one: id or path.</summary>
public static class MeterModels
{
    private static readonly Lazy<FrozenDictionary<string, MeterModel>> Shipped = new(LoadShipped);

    public static MeterModel ReferenceEnergy => Get("pm-ref-energy");

    public static MeterModel LegacyMoney => Get("legacy-money");

    /// <summary>The reference water meter: volume credit, a valve, a leak watch, a lithium cell, a magnet and case watch.</summary>
    public static MeterModel ReferenceWater => Get("pm-ref-water");

    /// <summary>The reference gas meter: volume credit, a valve, a leak watch, a lithium cell, a magnet watch.</summary>
    public static MeterModel ReferenceGas => Get("pm-ref-gas");

    public static IReadOnlyList<MeterModel> All => [.. Shipped.Value.Values.OrderBy(m => m.Id, StringComparer.Ordinal)];

    /// <exception cref="KeyNotFoundException">No shipped model has that id.</exception>
    public static MeterModel Get(string id) => Shipped.Value.TryGetValue(id, out var model)
        ? model
        : throw new KeyNotFoundException($"No shipped meter model '{id}'.");

    /// <summary>
    /// A shipped model by id, or a model file by path. A relative path is taken from <paramref name="relativeTo"/>
    /// where given (the folder of the scenario that names the model), from the current directory otherwise; the
    /// layouts a model file names by path are taken from the model file's own folder.
    /// </summary>
    public static MeterModelLoadResult Resolve(string idOrPath, string? relativeTo = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPath);
        if (Shipped.Value.TryGetValue(idOrPath, out var model))
        {
            return new(model, []);
        }

        if (relativeTo is not null && !Path.IsPathRooted(idOrPath))
        {
            idOrPath = Path.GetFullPath(Path.Combine(relativeTo, idOrPath));
        }

        if (Directory.Exists(idOrPath))
        {
            return new(null, [$"{idOrPath} is a folder, not a model file"]);
        }

        return File.Exists(idOrPath)
            ? MeterModelLoader.Load(Cards.Layouts.FileText.Read(idOrPath), idOrPath, Path.GetDirectoryName(Path.GetFullPath(idOrPath)))
            : new(null, [$"{idOrPath}: no shipped model has this id and no file has this path; the shipped models are {string.Join(", ", Shipped.Value.Keys.Order(StringComparer.Ordinal))}"]);
    }

    /// <summary>The shipped model whose file and layouts have exactly these texts; null when none has.</summary>
    internal static MeterModel? ShippedWithTexts(string modelText, IReadOnlyList<string> layoutTexts)
    {
        foreach (var model in Shipped.Value.Values)
        {
            if (string.Equals(model.SourceText, modelText, StringComparison.Ordinal) && model.Layouts.Select(l => l.SourceText).SequenceEqual(layoutTexts, StringComparer.Ordinal))
            {
                return model;
            }
        }

        return null;
    }

    private static FrozenDictionary<string, MeterModel> LoadShipped()
    {
        var models = new Dictionary<string, MeterModel>(StringComparer.Ordinal);
        foreach (var (name, json) in Core.EmbeddedText.ReadAll(typeof(MeterModels).Assembly, "models/"))
        {
            // A shipped model that does not load is a bug in this repository, not a user error.
            var model = MeterModelLoader.Load(json, name).GetModelOrThrow();
            models.Add(model.Id, model);
        }

        return models.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
