using System.Globalization;

namespace PrepaidMeter.Core;

/// <summary>
/// A moment as a user types it to bound a query or a report — "2026-12-01" (midnight UTC) or an ISO-8601 moment — parsed one
/// way for the CLI's options and the web console's forms, and refused in one sentence.
/// </summary>
public static class Moments
{
    /// <summary>A moment as the books stamp it and the console shows it, in UTC to the second: "2026-03-01 08:00:00Z".</summary>
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>What <see cref="TryPeriod"/> refuses, in one sentence.</summary>
    public const string PeriodMistake = "--from and --to take a date (2026-12-01) or an ISO-8601 moment";

    /// <summary>The moment <paramref name="text"/> names, in UTC; null for no text or text that is neither a date nor a moment.</summary>
    public static DateTimeOffset? Parse(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    /// <summary>A period's two ends, each left out (null) or a <see cref="Parse"/>d moment; false when one given is neither (say <see cref="PeriodMistake"/>).</summary>
    public static bool TryPeriod(string? fromText, string? toText, out DateTimeOffset? from, out DateTimeOffset? to)
    {
        (from, to) = (Parse(fromText), Parse(toText));
        return (fromText is null || from is not null) && (toText is null || to is not null);
    }
}
