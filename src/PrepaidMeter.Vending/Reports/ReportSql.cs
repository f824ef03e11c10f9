using System.Data.Common;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Reports;

/// <summary>
/// The filter as SQL: one WHERE fragment over sales-like rows joined to their account (a), customer (c) and
/// price type (p), and its parameters. Only fixed column names are spliced in; every value is a parameter.
/// Times are ISO-8601 UTC text, so a period is a range on the indexed time column.
/// </summary>
internal static class ReportSql
{
    /// <summary>
    /// The account, customer and price type of rows whose account id is in <paramref name="accountColumn"/> —
    /// only as far as the filter (or the grouping, <paramref name="needs"/>) looks at them: a report over a
    /// whole city without place filters reads the receipts alone. Given <paramref name="priceVersionColumn"/> (a sale's), the
    /// price type is the one that priced the row — an account's type changes (a power type change) and its earlier sales
    /// stay under the type they were sold at; a row priced by no version (a meter change's credit, a refund) takes the
    /// account's. Given <paramref name="customerColumn"/> (a split sale's share's), the customer is the one that share was sold to.
    /// </summary>
    public static string Joins(string accountColumn, ReportFilter filter, string needs = "", string? priceVersionColumn = null, string? customerColumn = null)
    {
        var customer = filter.Region is not null || filter.Line is not null || filter.TransformerArea is not null || needs.Contains("c.", StringComparison.Ordinal);
        var price = filter.PriceType is not null || needs.Contains("p.", StringComparison.Ordinal);
        var group = filter.Utility is not null || needs.Contains("g.", StringComparison.Ordinal);
        var account = customer || price || group || filter.Group is not null;
        return (account ? $"JOIN accounts a ON a.id = {accountColumn} " : "")
            + (customer ? $"JOIN customers c ON c.id = {customerColumn ?? "a.customer_id"} " : "")
            + (price ? (priceVersionColumn is null
                ? "JOIN price_types p ON p.id = a.price_type_id "
                : $"LEFT JOIN price_versions pv ON pv.id = {priceVersionColumn} JOIN price_types p ON p.id = COALESCE(pv.price_type_id, a.price_type_id) ")
                : "")
            + (group ? "JOIN supply_groups g ON g.code = a.group_code" : "");
    }

    /// <summary>
    /// The utility of the supply group aliased <c>g</c>, as SQL: its meter type, or for a group made before schema step 10
    /// (utility NULL) water where it counts volume and electricity otherwise — as <c>GroupRow.MeterType</c> reads it.
    /// </summary>
    public const string GroupUtility = "COALESCE(g.utility, CASE WHEN g.credit_unit = 'volume' THEN 'water' ELSE 'electricity' END)";

    /// <summary>The utility of a branch summary meter aliased <paramref name="alias"/>: NULL for one added before schema step 11, all electricity.</summary>
    public static string BranchUtility(string alias) => $"COALESCE({alias}.utility, 'electricity')";

    /// <summary>The utilities the site's supply groups are of, electricity first.</summary>
    public static IReadOnlyList<Utility> SiteUtilities(DbConnection connection) =>
        connection.Query<string>($"SELECT DISTINCT {GroupUtility} FROM supply_groups g")
            .Select(name => Utilities.Parse(name) ?? throw new InvalidOperationException($"A supply group of utility '{name}'."))
            .Order().ToList();

    /// <summary>
    /// The place filters (each " AND …", only those given), for the tables <see cref="Joins"/> joined; the group is read from
    /// <paramref name="groupColumn"/>, the utility from the supply group aliased <c>g</c>.
    /// </summary>
    public static string Places(ReportFilter filter, string groupColumn = "a.group_code") =>
        (filter.Group is not null ? $" AND {groupColumn} = @grp" : "")
        + (filter.PriceType is not null ? " AND p.name = @price" : "")
        + (filter.Region is not null ? " AND c.region = @region" : "")
        + (filter.Line is not null ? " AND c.line = @line" : "")
        + (filter.TransformerArea is not null ? " AND c.transformer_area = @area" : "")
        + (filter.Utility is not null ? $" AND {GroupUtility} = @utility" : "");

    /// <summary>
    /// The period and operator as plain range conditions on the time column (present only when given, so the
    /// planner sees a range it can take an index for), then the place filters.
    /// </summary>
    public static string Where(string timeColumn, string? operatorColumn, ReportFilter filter) =>
        "1 = 1"
        + (filter.From is not null ? $" AND {timeColumn} >= @from" : "")
        + (filter.To is not null ? $" AND {timeColumn} < @to" : "")
        + (operatorColumn is not null && filter.Operator is not null ? $" AND {operatorColumn} = @op" : "")
        + Places(filter);

    public static object Parameters(ReportFilter filter) => new
    {
        from = Stamp(filter.From),
        to = Stamp(filter.To),
        op = filter.Operator,
        grp = filter.Group?.ToString(),
        price = filter.PriceType,
        region = filter.Region,
        line = filter.Line,
        area = filter.TransformerArea,
        utility = filter.Utility?.Name(),
    };

    public static string? Stamp(DateTimeOffset? at) => at is { } t ? Audit.OperationLog.Stamp(t) : null;

    /// <summary>A filter naming an operator, group, price type or place that does not exist is refused, not answered with an empty report.</summary>
    public static Refusal? Check(DbConnection connection, ReportFilter filter)
    {
        (string Name, string? Value, string Sql)[] named =
        [
            ("operator", filter.Operator, "SELECT COUNT(*) FROM operators WHERE login = @value"),
            ("supply group", filter.Group?.ToString(), "SELECT COUNT(*) FROM supply_groups WHERE code = @value"),
            ("price type", filter.PriceType, "SELECT COUNT(*) FROM price_types WHERE name = @value"),
            // A name of the site's dictionary (系统字典) names something even before a customer is filed under it.
            ("region", filter.Region, "SELECT (SELECT COUNT(*) FROM customers WHERE region = @value) + (SELECT COUNT(*) FROM dictionary_entries WHERE list_kind = 'region' AND name = @value)"),
            ("line", filter.Line, "SELECT (SELECT COUNT(*) FROM customers WHERE line = @value) + (SELECT COUNT(*) FROM dictionary_entries WHERE list_kind = 'line' AND name = @value)"),
            ("transformer area", filter.TransformerArea,
                "SELECT (SELECT COUNT(*) FROM customers WHERE transformer_area = @value) + (SELECT COUNT(*) FROM dictionary_entries WHERE list_kind = 'area' AND name = @value)"),
        ];
        foreach (var (name, value, sql) in named)
        {
            if (value is not null && connection.ExecuteScalar<long>(sql, new { value }) == 0)
            {
                return Refuse.NotFound($"no {name} '{value}' exists; the report would be empty for a name that names nothing");
            }
        }

        if (filter.From is { } from && filter.To is { } to && to <= from)
        {
            return Refuse.Invalid($"the period ends ({to:yyyy-MM-dd HH:mm}) before it starts ({from:yyyy-MM-dd HH:mm})");
        }

        return null;
    }
}
