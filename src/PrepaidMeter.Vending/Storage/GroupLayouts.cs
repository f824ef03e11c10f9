using System.Collections.Concurrent;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Storage;

/// <summary>
/// The card layout a supply group's cards are in. A shipped layout is named by its id; a vendor's layout is kept
/// whole in the books (supply_groups.layout_text), so the counter works from any directory once the file is gone
/// — the file was only how the layout came in. Compiled once per text.
/// </summary>
internal static class GroupLayouts
{
    private static readonly ConcurrentDictionary<string, CardLayout> Compiled = new(StringComparer.Ordinal);

    public static CardLayout Of(GroupRow group) => Of(group.Layout, group.LayoutText);

    public static CardLayout Of(SupplyGroup group) => Of(group.Layout, group.LayoutText);

    /// <exception cref="InvalidOperationException">Books written before layouts were kept name a layout file that is gone.</exception>
    private static CardLayout Of(string layout, string? text)
    {
        if (text is not null)
        {
            return Compiled.GetOrAdd(text, t => LayoutCompiler.Load(t, $"the books' layout '{layout}'").GetLayoutOrThrow());
        }

        // A shipped id; or, in books from before layouts were kept, the path of a layout file.
        var resolved = CardLayouts.Resolve(layout);
        return resolved.Layout ?? throw new InvalidOperationException(
            $"supply group layout '{layout}' is neither a shipped layout nor a readable file: {string.Join("; ", resolved.Errors)}");
    }
}
