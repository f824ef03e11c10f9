using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Reports;

/// <summary>
/// What a report covers: a period [From, To) in UTC, and optionally one operator, supply group, price type
/// (by name), region, line, transformer area or utility. Null is "any".
/// </summary>
public sealed record ReportFilter
{
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? Operator { get; init; }

    public SupplyGroupCode? Group { get; init; }

    public string? PriceType { get; init; }

    public string? Region { get; init; }

    public string? Line { get; init; }

    public string? TransformerArea { get; init; }

    /// <summary>Only accounts and meters of supply groups of this utility (electricity, water, gas).</summary>
    public Utility? Utility { get; init; }

    /// <summary>"2026-01-01 to 2026-02-01, operator ann, line L1" — what a report's heading says it covers.</summary>
    public string Describe()
    {
        var parts = new List<string>
        {
            (From, To) switch
            {
                (null, null) => "all time",
                ({ } f, null) => $"from {f:yyyy-MM-dd HH:mm}",
                (null, { } t) => $"before {t:yyyy-MM-dd HH:mm}",
                ({ } f, { } t) => $"{f:yyyy-MM-dd HH:mm} to {t:yyyy-MM-dd HH:mm}",
            },
        };
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                parts.Add($"{name} {value}");
            }
        }

        Add("operator", Operator);
        Add("supply group", Group);
        Add("price type", PriceType);
        Add("region", Region);
        Add("line", Line);
        Add("transformer area", TransformerArea);
        Add("utility", Utility?.Name());
        return string.Join(", ", parts) + " (UTC)";
    }
}

public enum ReportPeriod
{
    Daily,
    Monthly,
    Yearly,
}

public static class ReportPeriods
{
    /// <summary>"day", "month", "year": what one row of the report covers.</summary>
    public static string Unit(this ReportPeriod period) => period switch
    {
        ReportPeriod.Daily => "day",
        ReportPeriod.Monthly => "month",
        _ => "year",
    };

    /// <summary>How many characters of an ISO-8601 stamp name the period: "2026-11-30", "2026-11", "2026".</summary>
    public static int StampPrefix(this ReportPeriod period) => period switch
    {
        ReportPeriod.Daily => 10,
        ReportPeriod.Monthly => 7,
        _ => 4,
    };
}

public enum Classification
{
    PriceType,
    CustomerCategory,

    /// <summary>The medium a sale was sold on: an IC card, or a keypad token (a sale that issued a credit token).</summary>
    Medium,
}
