using System.Collections.Frozen;

namespace PrepaidMeter.Cards.Layouts;

/// <summary>
/// The shipped layouts (fixtures/layouts, embedded in this assembly) and the way a user names one:
/// by id, or by the path of a descriptor file a vendor wrote.
/// </summary>
public static class CardLayouts
{
    private static readonly Lazy<FrozenDictionary<string, CardLayout>> Shipped = new(LoadShipped);

    public static CardLayout ReferenceV1 => Get("pm-ref-v1");

    public static CardLayout LegacyBcdV1 => Get("legacy-bcd-v1");

    /// <summary>The shipped layouts, ordered by id.</summary>
    public static IReadOnlyList<CardLayout> All => [.. Shipped.Value.Values.OrderBy(l => l.Id, StringComparer.Ordinal)];

    /// <summary>Whether <paramref name="layout"/> is one of the shipped layouts (its id alone names it everywhere).</summary>
    public static bool IsShipped(CardLayout layout) =>
        Shipped.Value.TryGetValue(layout.Id, out var shipped) && ReferenceEquals(shipped, layout);

    /// <summary>
    /// What must travel with a layout for it to work without its file: nothing for a shipped one (its id names it
    /// everywhere), its descriptor text otherwise.
    /// </summary>
    public static string? TextUnlessShipped(CardLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return IsShipped(layout) ? null : layout.SourceText;
    }

    /// <exception cref="KeyNotFoundException">No shipped layout has that id.</exception>
    public static CardLayout Get(string id) => Shipped.Value.TryGetValue(id, out var layout)
        ? layout
        : throw new KeyNotFoundException($"No shipped layout '{id}'.");

    /// <summary>
    /// A shipped layout by id, or a descriptor file by path; a refusal says why. A relative path is taken from
    /// <paramref name="relativeTo"/> where given — the folder of the file that names the layout (a model, a
    /// scenario) — and from the current directory otherwise.
    /// </summary>
    public static LayoutLoadResult Resolve(string idOrPath, string? relativeTo = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPath);
        if (Shipped.Value.TryGetValue(idOrPath, out var layout))
        {
            return LayoutLoadResult.Loaded(layout);
        }

        if (relativeTo is not null && !Path.IsPathRooted(idOrPath))
        {
            idOrPath = Path.GetFullPath(Path.Combine(relativeTo, idOrPath));
        }

        if (Directory.Exists(idOrPath))
        {
            return LayoutLoadResult.Refused(idOrPath, [$"{idOrPath} is a folder, not a file"]);
        }

        if (!File.Exists(idOrPath))
        {
            return LayoutLoadResult.Refused(idOrPath,
                [$"no shipped layout has this id and no file has this path; the shipped layouts are {string.Join(", ", Shipped.Value.Keys.Order(StringComparer.Ordinal))}"]);
        }

        return LayoutCompiler.Load(FileText.Read(idOrPath), idOrPath);
    }

    private static FrozenDictionary<string, CardLayout> LoadShipped()
    {
        var layouts = new Dictionary<string, CardLayout>(StringComparer.Ordinal);
        foreach (var (name, json) in Core.EmbeddedText.ReadAll(typeof(CardLayouts).Assembly, "layouts/"))
        {
            // A shipped layout that does not compile is a bug in this repository, not a user error.
            var layout = LayoutCompiler.Load(json, name).GetLayoutOrThrow();
            layouts.Add(layout.Id, layout);
        }

        return layouts.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
