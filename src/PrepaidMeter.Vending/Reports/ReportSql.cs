using System.Data.Common;
using Dapper;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Reports;

/// <summary>
/// The filter as SQL: one WHERE fragment over sales-like rows joined to their account (a), customer (c) and
/// price type (p), and its parameters. Only fixed column names are spliced in; every value is a parameter.
/// Times are ISO-8601 UTC text, so a period is a range on the indexed time column.
/// </summary>
internal static class ReportSql
{
    /// <summary>The account, customer and price type of rows whose account id is in <paramref name="accountColumn"/>.</summary>
    public static string Joins(string accountColumn) =>
        $"JOIN accounts a ON a.id = {accountColumn} JOIN customers c ON c.id = a.customer_id JOIN price_types p ON p.id = a.price_type_id";

    public static string Where(string timeColumn, string? operatorColumn) =>
        $"(@from IS NULL OR {timeColumn} >= @from) AND (@to IS NULL OR {timeColumn} < @to)"
        + (operatorColumn is null ? "" : $" AND (@op IS NULL OR {operatorColumn} = @op)")
        + " AND (@grp IS NULL OR a.group_code = @grp) AND (@price IS NULL OR p.name = @price)"
        + " AND (@region IS NULL OR c.region = @region) AND (@line IS NULL OR c.line = @line) AND (@area IS NULL OR c.transformer_area = @area)";

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
            ("region", filter.Region, "SELECT COUNT(*) FROM customers WHERE region = @value"),
            ("line", filter.Line, "SELECT COUNT(*) FROM customers WHERE line = @value"),
            ("transformer area", filter.TransformerArea, "SELECT COUNT(*) FROM customers WHERE transformer_area = @value"),
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
