using System.Collections;
using System.Reflection;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// A list of the back office's records as a table: one column per public property, in declaration order, each cell the
/// value's own text (amounts print as their types do, never through floating point; moments as the books stamp them).
/// The queries' pages show whatever their service returns, as `prepaid vend query` prints it, with no column chosen by hand.
/// </summary>
public sealed class RecordTable
{
    private RecordTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows) => (Columns, Rows) = (columns, rows);

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    public static RecordTable Of<T>(IEnumerable<T> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        var rows = records.Select(r => (IReadOnlyList<string>)properties.Select(p => Cell(p.GetValue(r))).ToList()).ToList();
        return new RecordTable(properties.Select(p => Heading(p.Name)).ToList(), rows);
    }

    /// <summary>"ArrearsCollected" as "arrears collected".</summary>
    private static string Heading(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : (i == 0 ? char.ToLowerInvariant(c) : c).ToString()));

    private static string Cell(object? value) => value switch
    {
        null => "",
        DateTimeOffset at => BooksPage.Moment(at),
        string text => text,
        Enum e => e.ToString().ToLowerInvariant(),
        IEnumerable many => string.Join("; ", many.Cast<object?>().Select(Cell)),
        _ => value.ToString() ?? "",
    };
}
