using Dapper;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Setup;

/// <summary>
/// The system dictionary (系统字典): the site's regions, lines, transformer areas and categories, edited in one place.
/// A customer is filed only under an entry of a list that has any (docs/vending.md, "Set-up"); an empty list accepts
/// anything, so books made before the dictionary keep working. Customers keep names, not codes: a rename rewrites them.
/// </summary>
public sealed class DictionaryService
{
    /// <summary>As long as a customer field may be.</summary>
    public const int MaxName = 200;

    private readonly VendingContext _context;

    internal DictionaryService(VendingContext context) => _context = context;

    /// <summary>Adds <paramref name="name"/> to <paramref name="list"/>; a retired entry of that name is brought back instead.</summary>
    public VendResult<DictionaryEntry> Add(OperatorSession session, SiteList list, string name) =>
        _context.Write<DictionaryEntry>(session, Permission.Dictionary, scope =>
        {
            if (Problem(list, name) is { } problem)
            {
                return Refuse.Invalid(problem);
            }

            if (Find(scope, list, name) is { } existing)
            {
                if (existing.Name != name || !existing.Retired)
                {
                    return Refuse.Conflict($"the {list.Name()} list already has '{existing.Name}'{(existing.Retired ? " (retired)" : "")}");
                }

                scope.ExecuteCovered(AuditedTable.DictionaryEntries, "UPDATE dictionary_entries SET retired = 0 WHERE id = @Id", new { existing.Id });
                scope.Log("dictionary restore", list.Name(), name);
                return existing with { Retired = false };
            }

            var id = scope.InsertCovered(AuditedTable.DictionaryEntries,
                "INSERT INTO dictionary_entries (list_kind, name, retired, created_at) VALUES (@kind, @name, 0, @at)",
                new { kind = list.Name(), name, at = scope.Stamp });
            scope.Log("dictionary add", list.Name(), name);
            return new DictionaryEntry(id, list, name, false);
        });

    /// <summary>
    /// Renames an entry and rewrites, in the same transaction and log entry, every customer filed under the old name
    /// (and, for a line or an area, its summary meters), so reports filter by the new name from then on.
    /// </summary>
    public VendResult<DictionaryRename> Rename(OperatorSession session, SiteList list, string oldName, string newName) =>
        _context.Write<DictionaryRename>(session, Permission.Dictionary, scope =>
        {
            if (Problem(list, newName) is { } problem)
            {
                return Refuse.Invalid(problem);
            }

            if (Find(scope, list, oldName) is not { } entry || entry.Name != oldName)
            {
                return Refuse.NotFound($"the {list.Name()} list has no '{oldName}'");
            }

            if (Find(scope, list, newName) is { } taken && taken.Id != entry.Id)
            {
                return Refuse.Conflict($"the {list.Name()} list already has '{taken.Name}'{(taken.Retired ? " (retired)" : "")}");
            }

            if (newName == oldName)
            {
                return new DictionaryRename(entry, oldName, 0, 0);
            }

            scope.ExecuteCovered(AuditedTable.DictionaryEntries, "UPDATE dictionary_entries SET name = @newName WHERE id = @Id", new { newName, entry.Id });
            var parameters = new { oldName, newName, branchKind = list.BranchKind() };
            var customers = scope.ExecuteCovered(AuditedTable.Customers,
                $"UPDATE customers SET {list.CustomerColumn()} = @newName WHERE {list.CustomerColumn()} = @oldName", parameters);
            var branches = list.BranchKind() is null ? 0 : scope.Execute("UPDATE branch_meters SET branch = @newName WHERE branch_kind = @branchKind AND branch = @oldName", parameters);
            scope.Log("dictionary rename", list.Name(), $"'{oldName}' -> '{newName}': {customers} customer(s), {branches} summary meter(s) rewritten");
            return new DictionaryRename(entry with { Name = newName }, oldName, customers, branches);
        });

    /// <summary>Retires an entry: customers filed under it keep it, and no customer can be newly filed under it.</summary>
    public VendResult<DictionaryEntry> Retire(OperatorSession session, SiteList list, string name) =>
        _context.Write<DictionaryEntry>(session, Permission.Dictionary, scope =>
        {
            if (Find(scope, list, name) is not { } entry || entry.Name != name)
            {
                return Refuse.NotFound($"the {list.Name()} list has no '{name}'");
            }

            if (entry.Retired)
            {
                return Refuse.Conflict($"'{name}' of the {list.Name()} list is retired already");
            }

            scope.ExecuteCovered(AuditedTable.DictionaryEntries, "UPDATE dictionary_entries SET retired = 1 WHERE id = @Id", new { entry.Id });
            scope.Log("dictionary retire", list.Name(), name);
            return entry with { Retired = true };
        });

    /// <summary>The entries of one list, or of every list, in list order then by name (ordinal).</summary>
    public VendResult<IReadOnlyList<DictionaryEntry>> List(OperatorSession session, SiteList? list = null) =>
        _context.Read<IReadOnlyList<DictionaryEntry>>(session, Permission.Queries, connection =>
            connection.Query<EntryRow>("SELECT id, list_kind, name, retired FROM dictionary_entries WHERE @kind IS NULL OR list_kind = @kind", new { kind = list?.Name() })
                .Select(r => r.ToModel()).OrderBy(e => e.List).ThenBy(e => e.Name, StringComparer.Ordinal).ToList());

    /// <summary>
    /// Why <paramref name="details"/> cannot be filed, or null: each of region, line, area and category that is not empty
    /// must be an active entry of its list, when that list has any entry (active or retired). A value the customer
    /// already had (<paramref name="before"/>) is kept even when retired since.
    /// </summary>
    internal static string? Check(WriteScope scope, CustomerDetails details, CustomerDetails? before)
    {
        var entries = scope.Query<EntryRow>("SELECT id, list_kind, name, retired FROM dictionary_entries").Select(r => r.ToModel()).ToList();
        if (entries.Count == 0)
        {
            return null;
        }

        foreach (var (list, value, old) in new[]
                 {
                     (SiteList.Region, details.Region, before?.Region), (SiteList.Line, details.Line, before?.Line),
                     (SiteList.Area, details.TransformerArea, before?.TransformerArea), (SiteList.Category, details.Category, before?.Category),
                 })
        {
            var kept = entries.Where(e => e.List == list).ToList();
            if (value.Length == 0 || kept.Count == 0 || value == old || kept.Any(e => !e.Retired && e.Name == value))
            {
                continue;
            }

            var active = kept.Where(e => !e.Retired).Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
            var retired = kept.Any(e => e.Retired && e.Name == value) ? " is retired" : " is not in the site's list";
            return $"{list.Name()} '{value}'{retired} (vend dictionary list --list {list.Name()}): " + (active.Count == 0 ? "no entry is active" : string.Join(", ", active.Take(20)) + (active.Count > 20 ? ", ..." : ""));
        }

        return null;
    }

    /// <summary>The entry whose name is <paramref name="name"/> ignoring case (ordinal, ignoring case: names are unique so within a list), or null.</summary>
    private static DictionaryEntry? Find(WriteScope scope, SiteList list, string name) =>
        scope.Query<EntryRow>("SELECT id, list_kind, name, retired FROM dictionary_entries WHERE list_kind = @kind", new { kind = list.Name() })
            .Select(r => r.ToModel()).Where(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => e.Name == name ? 0 : 1).FirstOrDefault();

    private static string? Problem(SiteList list, string name)
    {
        if (!Enum.IsDefined(list))
        {
            return $"list {(int)list} is none of region, line, area and category";
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim() != name || name.Length > MaxName || name.Any(char.IsControl))
        {
            return $"a {list.Name()} name is 1 to {MaxName} characters, without control characters or spaces at either end";
        }

        return null;
    }

    private sealed record EntryRow
    {
        public long Id { get; init; }
        public string ListKind { get; init; } = "";
        public string Name { get; init; } = "";
        public long Retired { get; init; }

        public DictionaryEntry ToModel() => new(Id, SiteLists.Parse(ListKind) ?? throw new InvalidOperationException($"Unknown list '{ListKind}'."), Name, Retired != 0);
    }
}
