using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Reports;

/// <summary>
/// The reports the seeds' users look at every day (报表): takings by day, month and year, the classified
/// report, the registration report, the meter-reading report and the account book. Every sum is computed
/// by the database from the same receipt rows the purchase query returns: a takings report counts the
/// committed receipts (opening purchases, sales and corrections; a meter change's transferred credit is not
/// takings; a closed account's refund counts as negative money, not as a sale), corrections are the correcting receipts, cancels the cancelled sales, each in the period of
/// the sale; reissues come from the reissue records. Money is what was paid, the arrears collected with a
/// sale included (the arrears column shows that part).
/// </summary>
public sealed partial class ReportService
{
    private const string Takings = "s.status = 'committed' AND s.kind <> 'transfer'";

    private static readonly ReportColumn[] TotalsColumns =
    [
        new("sales", ColumnKind.Count), new("energy kWh", ColumnKind.Energy), new("money", ColumnKind.Money), new("arrears collected", ColumnKind.Money),
        new("corrections", ColumnKind.Count), new("cancels", ColumnKind.Count), new("reissues", ColumnKind.Count),
    ];

    /// <summary>Money paid back by closings (docs/vending.md, "Closing an account"): shown once the books hold a refund; the money column is already net of it.</summary>
    private static readonly ReportColumn RefundsColumn = new("refunds", ColumnKind.Money);

    private readonly VendingContext _context;

    internal ReportService(VendingContext context) => _context = context;

    /// <summary>Takings by UTC day, month or year.</summary>
    public VendResult<ReportTable> Sales(OperatorSession session, ReportPeriod period, ReportFilter filter)
    {
        var length = period.StampPrefix();
        var report = Totals(session, filter, $"{period} sales", period.Unit(), $"substr(s.created_at, 1, {length})", $"substr(r.at, 1, {length})");
        if (period != ReportPeriod.Daily || !report.Success)
        {
            return report;
        }

        // The daily report carries the log's head: a printed copy is an anchor too (docs/vending.md, "Audit").
        return _context.Read<ReportTable>(session, Permission.Queries, connection =>
            report.Value with { Notes = [.. report.Value.Notes, $"operation log head: {Audit.OperationLog.Head(connection)} (sign it with 'prepaid vend audit anchor')"] });
    }

    /// <summary>Takings by price type, by customer category, or by medium (card or token).</summary>
    public VendResult<ReportTable> Classified(OperatorSession session, Classification by, ReportFilter filter) => by switch
    {
        Classification.PriceType => Totals(session, filter, "Sales by price type", "price type", "p.name", "p.name"),
        Classification.CustomerCategory => Totals(session, filter, "Sales by customer category", "category", "c.category", "c.category"),
        Classification.Medium => Totals(session, filter, "Sales by medium", "medium", SaleMedium, ReissueMedium),
        _ => throw new ArgumentOutOfRangeException(nameof(by), by, "a classification this report does not know"),
    };

    /// <summary>
    /// A sale's medium, as SQL over the sale aliased <c>s</c>: the account's. A token account's sales — its corrections and
    /// cancels, and the refund of its closing, which issues no token — are token; every card account's are card.
    /// </summary>
    private const string SaleMedium = "CASE WHEN EXISTS (SELECT 1 FROM token_meters tm WHERE tm.account_id = s.account_id) THEN 'token' ELSE 'card' END";

    /// <summary>A reissue is always a card's; written as an expression (PostgreSQL refuses a bare string constant in GROUP BY).</summary>
    private const string ReissueMedium = "CAST('card' AS TEXT)";

    private VendResult<ReportTable> Totals(OperatorSession session, ReportFilter filter, string title, string keyName, string saleKey, string reissueKey) =>
        _context.Read<ReportTable>(session, Permission.Queries, connection =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            if (ReportSql.Check(connection, filter) is { } refusal)
            {
                return refusal;
            }

            var parameters = ReportSql.Parameters(filter);
            var volumes = VolumeUtilities(connection, filter);
            var refunds = connection.ExecuteScalar<long?>("SELECT 1 FROM closings WHERE refunded > 0 LIMIT 1") is not null;
            var split = connection.ExecuteScalar<long?>("SELECT 1 FROM sale_shares LIMIT 1") is not null;
            var sales = connection.Query<TotalsRow>(TakingsSql(saleKey, filter, volumes, split), parameters).ToDictionary(r => r.Key, StringComparer.Ordinal);
            var reissues = connection.Query<(string Key, long Count)>(
                $"""
                SELECT {reissueKey} AS key, COUNT(*) AS count
                FROM reissues r {ReportSql.Joins("r.account_id", filter, reissueKey)}
                WHERE {ReportSql.Where("r.at", "r.operator", filter)}
                GROUP BY {reissueKey}
                """, parameters).ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal);
            var rows = sales.Keys.Union(reissues.Keys).Order(StringComparer.Ordinal).Select(key =>
            {
                var t = sales.GetValueOrDefault(key) ?? new TotalsRow { Key = key };
                return (IReadOnlyList<ReportCell>)
                [
                    ReportCell.Of(key), ReportCell.Of(t.Sales), ReportCell.Of(t.Energy), ReportCell.Of(t.Money), ReportCell.Of(t.Arrears),
                    ReportCell.Of(t.Corrections), ReportCell.Of(t.Cancels), ReportCell.Of(reissues.GetValueOrDefault(key)),
                    .. refunds ? [ReportCell.Of(t.Refunds)] : (ReportCell[])[],
                    .. volumes.Select(u => ReportCell.Of(u == Utility.Water ? t.Water : t.Gas)),
                ];
            }).ToList();
            ReportColumn[] columns = [new(keyName, ColumnKind.Text), .. TotalsColumns, .. refunds ? [RefundsColumn] : (ReportColumn[])[], .. volumes.Select(u => new ReportColumn($"{u.Name()} {u.UnitSymbol()}", ColumnKind.Volume))];
            return new ReportTable(title, filter.Describe(), columns, rows).WithSummedTotals();
        });

    /// <summary>
    /// The utilities sold by volume whose m³ a takings report shows, each in a column of its own: the one the filter names (none for
    /// electricity), else every water or gas utility the site has a supply group of. A site of electricity alone gets none, and its
    /// reports read as they did before meter types.
    /// </summary>
    private static IReadOnlyList<Utility> VolumeUtilities(System.Data.Common.DbConnection connection, ReportFilter filter) =>
        filter.Utility is { } only ? (only == Utility.Electricity ? [] : [only]) : [.. ReportSql.SiteUtilities(connection).Where(u => u != Utility.Electricity)];

    /// <summary>
    /// The takings query: receipts grouped by <paramref name="key"/> (a period's prefix of the stamp, a price type, a category). Energy is
    /// the kWh of electricity sales (a sale by volume has energy 0); each of <paramref name="volumes"/> adds the m³ (its credit) of that
    /// utility's sales by volume, read from the sale's supply group — kWh and m³, water and gas, are never summed together.
    /// </summary>
    internal static string TakingsSql(string key, ReportFilter filter, IReadOnlyCollection<Utility>? volumes = null, bool splitSales = false)
    {
        var byVolume = volumes is { Count: > 0 };

        // A split sale (docs/vending.md, "Proportion of energy consuming") counts each share's kWh and money under its own price type
        // and customer; it counts once, as its first share. Only a report that looks at types or customers reads the shares.
        var bySharers = splitSales && (key.Contains("p.", StringComparison.Ordinal) || key.Contains("c.", StringComparison.Ordinal)
            || filter.PriceType is not null || filter.Region is not null || filter.Line is not null || filter.TransformerArea is not null);
        var once = bySharers ? " AND s.first_share = 1" : "";
        string Volume(Utility utility) => volumes?.Contains(utility) == true
            ? $"SUM(CASE WHEN {Takings} AND s.credit_unit = 'volume' AND {ReportSql.GroupUtility} = '{utility.Name()}' THEN s.credit ELSE 0 END)"
            : "0";
        return $"""
        SELECT {key} AS key,
               SUM(CASE WHEN {Takings} AND s.kind <> 'refund'{once} THEN 1 ELSE 0 END) AS sales,
               SUM(CASE WHEN {Takings}{(byVolume ? " AND s.credit_unit <> 'volume'" : "")} THEN s.energy ELSE 0 END) AS energy,
               SUM(CASE WHEN {Takings} THEN s.money ELSE 0 END) AS money,
               SUM(CASE WHEN {Takings} THEN s.arrears_collected ELSE 0 END) AS arrears,
               SUM(CASE WHEN s.status = 'committed' AND s.kind = 'correction'{once} THEN 1 ELSE 0 END) AS corrections,
               SUM(CASE WHEN s.status = 'cancelled'{once} THEN 1 ELSE 0 END) AS cancels,
               SUM(CASE WHEN s.status = 'committed' AND s.kind = 'refund' THEN -s.money ELSE 0 END) AS refunds{(byVolume ? $",\n       {Volume(Utility.Water)} AS water, {Volume(Utility.Gas)} AS gas" : "")}
        FROM {(bySharers ? $"({ShareLines}) s" : "sales s")} {ReportSql.Joins("s.account_id", filter, byVolume ? key + " g." : key, "s.price_version_id", bySharers ? "s.customer_id" : null)}
        WHERE s.status <> 'pending' AND {ReportSql.Where("s.created_at", "s.operator", filter)}
        GROUP BY {key}
        """;
    }

    /// <summary>
    /// The receipts as lines of takings: a sale whose account's energy is not split is one line, a split sale one line per share
    /// (its kWh, credit and money; the arrears it collected on its first), each with the customer and price version that priced it.
    /// </summary>
    private const string ShareLines = """
        SELECT s.id, s.account_id, s.kind, s.status, s.created_at, s.operator, s.credit_unit, s.credit, s.energy, s.money, s.arrears_collected,
               s.price_version_id, a.customer_id, 1 AS first_share
        FROM sales s JOIN accounts a ON a.id = s.account_id WHERE NOT EXISTS (SELECT 1 FROM sale_shares x WHERE x.sale_id = s.id)
        UNION ALL
        SELECT s.id, s.account_id, s.kind, s.status, s.created_at, s.operator, s.credit_unit, x.energy, x.energy,
               x.money + CASE WHEN x.position = 0 THEN s.arrears_collected ELSE 0 END, CASE WHEN x.position = 0 THEN s.arrears_collected ELSE 0 END,
               x.price_version_id, x.customer_id, CASE WHEN x.position = 0 THEN 1 ELSE 0 END
        FROM sales s JOIN sale_shares x ON x.sale_id = s.id
        """;

    /// <summary>
    /// Accounts opened, meters stocked, installed, changed (replaced) and retired, accounts closed and transferred, capacity changes
    /// (the set cards written, from the meter file) and power type changes (by the month recorded), by UTC month.
    /// </summary>
    public VendResult<ReportTable> Registration(OperatorSession session, ReportFilter filter) =>
        _context.Read<ReportTable>(session, Permission.Queries, connection =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            if (ReportSql.Check(connection, filter) is { } refusal)
            {
                return refusal;
            }

            // The meters' and accounts' utility is their group's: one utility counts its own registrations only.
            var parameters = new { from = ReportSql.Stamp(filter.From), to = ReportSql.Stamp(filter.To), grp = filter.Group?.ToString(), op = filter.Operator, utility = filter.Utility?.Name() };
            var opened = connection.Query<(string Month, long Count)>(
                $"""
                SELECT substr(a.opened_at, 1, 7) AS month, COUNT(*) AS count FROM accounts a JOIN supply_groups g ON g.code = a.group_code
                WHERE a.status IN ('open', 'transferred', 'closed') AND NOT EXISTS (SELECT 1 FROM account_transfers t WHERE t.to_account_id = a.id)
                AND (@from IS NULL OR a.opened_at >= @from) AND (@to IS NULL OR a.opened_at < @to) AND (@grp IS NULL OR a.group_code = @grp)
                AND (@utility IS NULL OR {ReportSql.GroupUtility} = @utility)
                GROUP BY substr(a.opened_at, 1, 7)
                """, parameters).ToDictionary(r => r.Month, r => r.Count, StringComparer.Ordinal);
            // An account a transfer made is not a new registration: the transfers have a column of their own.
            var transferred = connection.Query<(string Month, long Count)>(
                $"""
                SELECT substr(t.at, 1, 7) AS month, COUNT(*) AS count FROM account_transfers t JOIN accounts a ON a.id = t.from_account_id JOIN supply_groups g ON g.code = a.group_code
                WHERE (@from IS NULL OR t.at >= @from) AND (@to IS NULL OR t.at < @to) AND (@grp IS NULL OR a.group_code = @grp) AND (@op IS NULL OR t.operator = @op)
                AND (@utility IS NULL OR {ReportSql.GroupUtility} = @utility)
                GROUP BY substr(t.at, 1, 7)
                """, parameters).ToDictionary(r => r.Month, r => r.Count, StringComparer.Ordinal);
            // A power type change counts in the month it was recorded (its day may come later), under the account's group.
            var powerTypes = connection.Query<(string Month, long Count)>(
                $"""
                SELECT substr(k.at, 1, 7) AS month, COUNT(*) AS count FROM power_type_changes k JOIN accounts a ON a.id = k.account_id JOIN supply_groups g ON g.code = a.group_code
                WHERE (@from IS NULL OR k.at >= @from) AND (@to IS NULL OR k.at < @to) AND (@grp IS NULL OR a.group_code = @grp) AND (@op IS NULL OR k.operator = @op)
                AND (@utility IS NULL OR {ReportSql.GroupUtility} = @utility)
                GROUP BY substr(k.at, 1, 7)
                """, parameters).ToDictionary(r => r.Month, r => r.Count, StringComparer.Ordinal);
            var events = connection.Query<(string Month, string Event, long Count)>(
                $"""
                SELECT substr(h.at, 1, 7) AS month, h.event AS event, COUNT(*) AS count FROM meter_history h JOIN meters m ON m.id = h.meter_id JOIN supply_groups g ON g.code = m.group_code
                WHERE (@from IS NULL OR h.at >= @from) AND (@to IS NULL OR h.at < @to) AND (@grp IS NULL OR m.group_code = @grp) AND (@op IS NULL OR h.operator = @op)
                AND (@utility IS NULL OR {ReportSql.GroupUtility} = @utility)
                GROUP BY substr(h.at, 1, 7), h.event
                """, parameters).ToList();
            long Events(string month, string name) => events.Where(e => e.Month == month && e.Event == name).Sum(e => e.Count);
            var rows = opened.Keys.Union(events.Select(e => e.Month)).Union(transferred.Keys).Union(powerTypes.Keys).Order(StringComparer.Ordinal)
                .Select(month => (IReadOnlyList<ReportCell>)
                [
                    ReportCell.Of(month), ReportCell.Of(opened.GetValueOrDefault(month)), ReportCell.Of(Events(month, "stock in")),
                    ReportCell.Of(Events(month, "install")), ReportCell.Of(Events(month, "replace")), ReportCell.Of(Events(month, "retire")),
                    ReportCell.Of(Events(month, "close")), ReportCell.Of(transferred.GetValueOrDefault(month)),
                    ReportCell.Of(Events(month, "capacity")), ReportCell.Of(powerTypes.GetValueOrDefault(month)),
                ]).ToList();
            ReportColumn[] columns =
            [
                new("month", ColumnKind.Text), new("accounts opened", ColumnKind.Count), new("meters stocked", ColumnKind.Count),
                new("meters installed", ColumnKind.Count), new("meters changed", ColumnKind.Count), new("meters retired", ColumnKind.Count),
                new("accounts closed", ColumnKind.Count), new("accounts transferred", ColumnKind.Count),
                new("capacity changes", ColumnKind.Count), new("power type changes", ColumnKind.Count),
            ];
            return new ReportTable("Registration monthly report", filter.Describe(), columns, rows).WithSummedTotals();
        });

    private sealed record TotalsRow
    {
        public string Key { get; init; } = "";
        public long Sales { get; init; }
        public long Energy { get; init; }
        public long Money { get; init; }
        public long Arrears { get; init; }
        public long Corrections { get; init; }
        public long Cancels { get; init; }
        public long Refunds { get; init; }
        public long Water { get; init; }
        public long Gas { get; init; }
    }
}
