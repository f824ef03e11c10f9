using System.Globalization;
using Dapper;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Tests.Crash;

/// <summary>
/// What the books hold, as a handful of figures an operation moves: compared before and after a case, the change must be
/// none at all or exactly the change the uninterrupted run made — a half-applied operation shows as a different change.
/// Readings are left out on purpose: a sale records the reading its card brought back before it writes the card, and
/// that reading is true whether or not the sale stands.
/// </summary>
internal static class Books
{
    private static readonly (string Name, string Sql)[] Figures =
    [
        ("open accounts", "SELECT COUNT(*) FROM accounts WHERE status = 'open'"),
        ("accounts not open", "SELECT COUNT(*) FROM accounts WHERE status <> 'open'"),
        ("purchase counts", "SELECT COALESCE(SUM(purchase_count), 0) FROM accounts WHERE status = 'open'"),
        ("arrears", "SELECT COALESCE(SUM(arrears), 0) FROM accounts"),
        ("committed sales", "SELECT COUNT(*) FROM sales WHERE status = 'committed'"),
        ("credit sold", "SELECT COALESCE(SUM(credit), 0) FROM sales WHERE status = 'committed'"),
        ("corrected sales", "SELECT COUNT(*) FROM sales WHERE status = 'corrected'"),
        ("cancelled sales", "SELECT COUNT(*) FROM sales WHERE status = 'cancelled'"),
        ("sales not settled", "SELECT COUNT(*) FROM sales WHERE status NOT IN ('committed', 'corrected', 'cancelled')"),
        ("receipts", "SELECT COUNT(*) FROM sales WHERE receipt_no IS NOT NULL"),
        ("reissues", "SELECT COUNT(*) FROM reissues"),
        ("tool cards", "SELECT COUNT(*) FROM tool_cards"),
        ("closed tool cards", "SELECT COUNT(*) FROM tool_cards WHERE closed_at IS NOT NULL"),
        ("meter changes", "SELECT COUNT(*) FROM meter_changes"),
        ("meters in stock", "SELECT COUNT(*) FROM meters WHERE status = 'stock'"),
        ("meters installed", "SELECT COUNT(*) FROM meters WHERE status = 'installed'"),
        ("meters removed", "SELECT COUNT(*) FROM meters WHERE status = 'removed'"),
        ("error-tolerance sales", "SELECT COUNT(*) FROM tolerance_uses WHERE kind = 'sale'"),
        ("card resets", "SELECT COUNT(*) FROM tolerance_uses WHERE kind = 'reset'"),
        ("payments applied", "SELECT COUNT(*) FROM payments WHERE status = 'applied'"),
        ("card writes pending", "SELECT COUNT(*) FROM card_writes"),
    ];

    public static long[] Read(VendingDatabase database)
    {
        using var connection = database.Open();
        return [.. Figures.Select(f => connection.ExecuteScalar<long>(f.Sql))];
    }

    /// <summary>The change from <paramref name="before"/> to <paramref name="after"/>, figure by figure ("" when nothing moved).</summary>
    public static string Change(long[] before, long[] after) =>
        string.Join(", ", Figures.Select((f, i) => (f.Name, Delta: after[i] - before[i]))
            .Where(d => d.Delta != 0)
            .Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Name} {d.Delta:+0;-0}")));
}
