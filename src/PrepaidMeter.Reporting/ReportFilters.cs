using System.Globalization;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Reporting;

/// <summary>
/// The filters every report takes, parsed from text into a <see cref="ReportFilter"/> — the CLI's options and the web console's
/// query string alike, with the same sentence for the same mistake. A filter left out is "any".
/// </summary>
public static class ReportFilters
{
    /// <summary>What <see cref="TryPeriod"/> refuses, in one sentence.</summary>
    public const string PeriodMistake = Moments.PeriodMistake;

    public static readonly ReportOption From = new("--from", "From", "From this date or moment (UTC), inclusive");
    public static readonly ReportOption To = new("--to", "To", "Until this date or moment (UTC), exclusive");
    public static readonly ReportOption Operator = new("--operator", "Operator", "Only this operator's work");
    public static readonly ReportOption Group = new("--group", "Supply group", "Only this supply group");
    public static readonly ReportOption PriceType = new("--price-type", "Price type", "Only accounts on this price type");
    public static readonly ReportOption Region = new("--region", "Region", "Only customers in this region");
    public static readonly ReportOption Line = new("--line", "Line", "Only customers on this line");
    public static readonly ReportOption Area = new("--area", "Transformer area", "Only customers in this transformer area");
    public static readonly ReportOption Utility = new("--utility", "Utility", "Only this utility: electricity, water or gas (line-loss and abnormal: the one to look at, electricity by default)")
    {
        Choices = ["electricity", "water", "gas"],
    };

    /// <summary>Every filter, in the CLI's order.</summary>
    public static IReadOnlyList<ReportOption> All { get; } = [From, To, Operator, Group, PriceType, Region, Line, Area, Utility];

    /// <summary>
    /// The filter from <paramref name="value"/> (an option's text by its <see cref="ReportOption.Name"/>; null when not
    /// given; the caller decides whether an empty text is "not given"), or the sentence saying which filter is wrong: a period that is not a date or moment, a malformed supply group code,
    /// an unknown utility. A name that is well formed but names nothing is the report service's to refuse.
    /// </summary>
    public static ParseResult<ReportFilter> Parse(Func<string, string?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string? Given(ReportOption option) => value(option.Name);
        if (!TryPeriod(Given(From), Given(To), out var fromAt, out var toAt))
        {
            return ParseResult<ReportFilter>.ForError(PeriodMistake);
        }

        SupplyGroupCode? code = null;
        if (Given(Group) is { } groupText)
        {
            var parsed = SupplyGroupCode.Parse(groupText);
            if (!parsed.TryGetValue(out var group))
            {
                return ParseResult<ReportFilter>.ForError($"--group: {parsed.Error}");
            }

            code = group;
        }

        Core.Utility? only = null;
        if (Given(Utility) is { } utilityText)
        {
            if (Utilities.Parse(utilityText) is not { } parsedUtility)
            {
                return ParseResult<ReportFilter>.ForError($"--utility '{utilityText}': electricity, water or gas");
            }

            only = parsedUtility;
        }

        return ParseResult<ReportFilter>.ForValue(new ReportFilter
        {
            Utility = only,
            From = fromAt, To = toAt, Operator = Given(Operator), Group = code, PriceType = Given(PriceType),
            Region = Given(Region), Line = Given(Line), TransformerArea = Given(Area),
        });
    }

    /// <summary>--from and --to, each left out or a <see cref="Moment"/>; false when one given is neither (say <see cref="PeriodMistake"/>).</summary>
    public static bool TryPeriod(string? fromText, string? toText, out DateTimeOffset? from, out DateTimeOffset? to) =>
        Moments.TryPeriod(fromText, toText, out from, out to);

    /// <summary>A date or time: "2026-12-01" (midnight UTC) or an ISO-8601 moment (<see cref="Moments.Parse"/>).</summary>
    public static DateTimeOffset? Moment(string? text) => Moments.Parse(text);
}
