using System.Reflection;

namespace PrepaidMeter.Core;

/// <summary>
/// The data files an assembly carries as embedded resources (layouts, meter models), read as text,
/// so the shipped catalogues work from any folder.
/// </summary>
public static class EmbeddedText
{
    /// <summary>Each resource whose logical name starts with <paramref name="prefix"/> ("layouts/"), with its text.</summary>
    public static IEnumerable<(string Name, string Text)> ReadAll(Assembly assembly, string prefix)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            yield return (name, reader.ReadToEnd());
        }
    }
}
