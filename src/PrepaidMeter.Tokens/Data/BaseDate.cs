namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// The moment a token identifier counts its minutes from. A 24-bit count of minutes lasts 31.9 years, so the standard
/// moves the base date forward in 21-year steps; a meter learns its base date with its key (key change tokens, rule K4).
/// </summary>
public enum BaseDate
{
    Year1993 = 1993,
    Year2014 = 2014,
    Year2035 = 2035,
}

public static class BaseDates
{
    public static DateTimeOffset Start(this BaseDate baseDate) => baseDate switch
    {
        BaseDate.Year1993 or BaseDate.Year2014 or BaseDate.Year2035 => new DateTimeOffset((int)baseDate, 1, 1, 0, 0, 0, TimeSpan.Zero),
        _ => throw new ArgumentOutOfRangeException(nameof(baseDate), baseDate, "not a base date of the standard"),
    };

    /// <summary>The last minute a token identifier from this base date can name (2^24 − 1 minutes after it).</summary>
    public static DateTimeOffset LastMinute(this BaseDate baseDate) => baseDate.Start().AddMinutes(TokenIdentifier.Largest);

    /// <summary>The base date a rollover key change moves a meter to; null after 2035, the last.</summary>
    public static BaseDate? Next(this BaseDate baseDate) => baseDate switch
    {
        BaseDate.Year1993 => BaseDate.Year2014,
        BaseDate.Year2014 => BaseDate.Year2035,
        _ => null,
    };

    public static BaseDate? Parse(string text) => text switch
    {
        "1993" => BaseDate.Year1993,
        "2014" => BaseDate.Year2014,
        "2035" => BaseDate.Year2035,
        _ => null,
    };
}
