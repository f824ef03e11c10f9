using System.Globalization;
using Dapper;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Cli.Tests.Crash;

/// <summary>
/// The books as lines "table key column=value ...", every audited table in key order: what an operation left, to
/// compare with what it leaves when killed part-way and recovered. The log is left out (recovery adds its own entries)
/// and so is the site's log head. The site's next card serial is kept apart: a write that is discarded has used up the
/// serial it took, as serials are unique but not gap-free (the audit holds every card below it, nothing more).
/// </summary>
internal sealed record BooksFingerprint(IReadOnlyList<string> Lines, long NextCardSerial)
{
    private static readonly HashSet<string> LeftOut = new(StringComparer.Ordinal) { "log_seq", "log_hash", "next_card_serial" };

    public static BooksFingerprint Of(string db)
    {
        using var connection = VendingDatabase.Connect(db).Open();
        var lines = new List<string>();
        foreach (var table in AuditedTable.All)
        {
            foreach (IDictionary<string, object?> row in connection.Query($"SELECT * FROM {table.Name} ORDER BY {table.Key}"))
            {
                var columns = row.Where(c => !LeftOut.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal)
                    .Select(c => $"{c.Key}={Convert.ToString(c.Value, CultureInfo.InvariantCulture)}");
                lines.Add($"{table.Name} {row[table.Key]} {string.Join(' ', columns)}");
            }
        }

        lines.Add($"card_writes pending {connection.ExecuteScalar<long>("SELECT COUNT(*) FROM card_writes")}");
        return new BooksFingerprint(lines, connection.ExecuteScalar<long>("SELECT next_card_serial FROM site"));
    }

    public bool Matches(BooksFingerprint other) => Lines.SequenceEqual(other.Lines, StringComparer.Ordinal);

    /// <summary>The lines only one of the two has, for a failure message.</summary>
    public string Difference(BooksFingerprint other) =>
        string.Join('\n', Lines.Except(other.Lines, StringComparer.Ordinal).Select(l => "- " + l)
            .Concat(other.Lines.Except(Lines, StringComparer.Ordinal).Select(l => "+ " + l)));
}
