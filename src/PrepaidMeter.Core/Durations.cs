using System.Globalization;

namespace PrepaidMeter.Core;

/// <summary>Durations as people type them on a command line or in a scenario: "90s", "30m", "36h", "7d".</summary>
public static class Durations
{
    /// <summary>Reads a whole number of seconds, minutes, hours or days, up to a century.</summary>
    public static ParseResult<TimeSpan> Parse(string? text)
    {
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length < 2 || !long.TryParse(trimmed[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 36_500 * 24)
        {
            return Refused(text);
        }

        return trimmed[^1] switch
        {
            's' => ParseResult<TimeSpan>.ForValue(TimeSpan.FromSeconds(value)),
            'm' => ParseResult<TimeSpan>.ForValue(TimeSpan.FromMinutes(value)),
            'h' => ParseResult<TimeSpan>.ForValue(TimeSpan.FromHours(value)),
            'd' => ParseResult<TimeSpan>.ForValue(TimeSpan.FromDays(value)),
            _ => Refused(text),
        };
    }

    /// <summary>The largest whole unit that says it exactly: "7d", "36h", "90m", "45s".</summary>
    public static string Format(TimeSpan duration) =>
        duration.Ticks % TimeSpan.TicksPerDay == 0 && duration > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalDays}d")
        : duration.Ticks % TimeSpan.TicksPerHour == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalHours}h")
        : duration.Ticks % TimeSpan.TicksPerMinute == 0 ? string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalMinutes}m")
        : string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalSeconds}s");

    private static ParseResult<TimeSpan> Refused(string? text) =>
        ParseResult<TimeSpan>.ForError($"'{text}' is not a duration such as 90s, 30m, 36h or 7d");
}
