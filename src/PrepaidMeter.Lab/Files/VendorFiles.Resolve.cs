using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Files;

/// <summary>
/// A vendor's file named on a command line, checked as `prepaid layout|model|lab check` checks it before it is used:
/// every mistake it holds, where the loaders alone stop at the first unknown member or wrong type, and a JSON null the
/// loaders would read as an absent member is refused as the schema refuses it. A shipped id is taken as it is.
/// </summary>
public static partial class VendorFiles
{
    public static MeterModelLoadResult Model(string idOrPath) =>
        MistakesOfFile(VendorFileKind.Model, idOrPath, MeterModels.All.Any(m => m.Id == idOrPath)) is { } mistakes
            ? new(null, mistakes)
            : MeterModels.Resolve(idOrPath);

    public static LayoutLoadResult Layout(string idOrPath) =>
        MistakesOfFile(VendorFileKind.Layout, idOrPath, CardLayouts.All.Any(l => l.Id == idOrPath)) is { } mistakes
            ? LayoutLoadResult.Refused(idOrPath, mistakes.Select(m => m[(idOrPath.Length + 2)..]))
            : CardLayouts.Resolve(idOrPath);

    /// <summary>A scenario file's mistakes, or null when it has none (or is not a file).</summary>
    internal static ScenarioLoadResult? RefusedScenario(string path) =>
        MistakesOfFile(VendorFileKind.Scenario, path, shipped: false) is { } mistakes ? new(null, mistakes) : null;

    /// <summary>"FILE: $.path: reason" for each mistake of the file at <paramref name="idOrPath"/>; null when it has none or is no file.</summary>
    private static List<string>? MistakesOfFile(VendorFileKind kind, string idOrPath, bool shipped)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPath);
        if (shipped || !File.Exists(idOrPath))
        {
            return null;
        }

        var check = Check(kind, idOrPath);
        return check.Passed ? null : [.. check.Mistakes.Select(m => m.ToString())];
    }
}
