using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Domain;

/// <summary>
/// A query's filters from text — `vend query`'s options and the web console's query strings alike: each given by its
/// option's name (--customer, --meter, --operator, --from, --to), blank or absent for "not given"; refused in the CLI's words.
/// </summary>
public static class QueryFilters
{
    public static readonly IReadOnlyList<string> Names = ["--customer", "--meter", "--operator", "--from", "--to"];

    public static ParseResult<QueryFilter> Parse(Func<string, string?> given)
    {
        ArgumentNullException.ThrowIfNull(given);
        string? Given(string name) => given(name) is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

        CustomerNumber? customer = null;
        if (Given("--customer") is { } customerText)
        {
            var parsed = CustomerNumber.Parse(customerText);
            if (!parsed.TryGetValue(out var value))
            {
                return ParseResult<QueryFilter>.ForError($"--customer: {parsed.Error}");
            }

            customer = value;
        }

        MeterNumber? meter = null;
        if (Given("--meter") is { } meterText)
        {
            var parsed = MeterNumber.Parse(meterText);
            if (!parsed.TryGetValue(out var value))
            {
                return ParseResult<QueryFilter>.ForError($"--meter: {parsed.Error}");
            }

            meter = value;
        }

        return Moments.TryPeriod(Given("--from"), Given("--to"), out var from, out var to)
            ? ParseResult<QueryFilter>.ForValue(new QueryFilter(customer, meter, Given("--operator"), from, to))
            : ParseResult<QueryFilter>.ForError(Moments.PeriodMistake);
    }
}
