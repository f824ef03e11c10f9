namespace PrepaidMeter.Vending.Setup;

/// <summary>The site's lists (系统字典) a customer is filed under: one per customer field they check.</summary>
public enum SiteList
{
    Region,
    Line,
    /// <summary>Transformer areas (台区).</summary>
    Area,
    Category,
}

/// <summary>An entry of one of the site's lists; a retired one stays (customers filed under it keep it) but is not offered for new filing.</summary>
public sealed record DictionaryEntry(long Id, SiteList List, string Name, bool Retired);

/// <summary>A renamed entry, and how many customers (and summary meters, for a line or a transformer area) were rewritten to the new name.</summary>
public sealed record DictionaryRename(DictionaryEntry Entry, string OldName, int CustomersRewritten, int SummaryMetersRewritten);

public static class SiteLists
{
    /// <summary>"region", "line", "area", "category": the list's name on the command line and in the log.</summary>
    public static string Name(this SiteList list) => list switch
    {
        SiteList.Region => "region",
        SiteList.Line => "line",
        SiteList.Area => "area",
        SiteList.Category => "category",
        _ => throw new ArgumentOutOfRangeException(nameof(list)),
    };

    /// <summary>The list named <paramref name="text"/> ("region", "line", "area", "category"), or null.</summary>
    public static SiteList? Parse(string? text) =>
        Enum.GetValues<SiteList>().Cast<SiteList?>().FirstOrDefault(l => string.Equals(l!.Value.Name(), text, StringComparison.Ordinal));

    /// <summary>The customers' column the list checks (a fixed name, never input).</summary>
    internal static string CustomerColumn(this SiteList list) => list switch
    {
        SiteList.Region => "region",
        SiteList.Line => "line",
        SiteList.Area => "transformer_area",
        _ => "category",
    };

    /// <summary>The summary meters' branch kind a line or an area renames too (as BranchKind stores it), or null.</summary>
    internal static string? BranchKind(this SiteList list) => list switch
    {
        SiteList.Line => "line",
        SiteList.Area => "transformerarea",
        _ => null,
    };
}
