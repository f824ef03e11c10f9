using System.Text;

namespace PrepaidMeter.Vending.Audit;

/// <summary>One row an entry covers: its table, its key, and its digest as committed (or <see cref="RowDigest.Deleted"/>).</summary>
internal readonly record struct CoveredRow(string Table, string Key, string Digest);

/// <summary>
/// How an entry writes the rows it covers: one line each, "table key digest", sorted, the key escaped (a role's
/// name may hold a space). Kept as text in the entry's own row, so the entry's hash covers it as it does the detail.
/// </summary>
internal static class CoveredRows
{
    public static string Format(IEnumerable<CoveredRow> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows.OrderBy(r => r.Table, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Append(row.Table).Append(' ').Append(Uri.EscapeDataString(row.Key)).Append(' ').Append(row.Digest).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The rows a stored entry covers; a line that does not parse is reported, not skipped.</summary>
    public static IEnumerable<CoveredRow> Parse(string? text)
    {
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length != 3)
            {
                throw new FormatException($"'{line}' is not 'table key digest'");
            }

            yield return new CoveredRow(parts[0], Uri.UnescapeDataString(parts[1]), parts[2]);
        }
    }
}
