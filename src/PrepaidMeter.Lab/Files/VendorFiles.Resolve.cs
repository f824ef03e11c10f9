using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Files;

/// <summary>
/// A model or layout file named on a command line, checked as `prepaid model|layout check` checks it before it is used:
/// every mistake it holds, where the loaders alone stop at the first unknown member or wrong type, and a JSON null the
/// loaders would read as an absent member is refused as the schema refuses it. A shipped id is taken as it is. (A
/// scenario needs no such gate: its parser gathers every mistake itself, in better words than a schema's.)
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
