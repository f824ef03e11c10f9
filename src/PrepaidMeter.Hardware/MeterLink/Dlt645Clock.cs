namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// A meter's clock as DL/T 645-2007 reads it in two items: 04000101 date and week (YYMMDDWW, WW 0 for Sunday to 6 for
/// Saturday) and 04000102 time (hhmmss), each a BCD number as <see cref="PrepaidItems.Date"/> and
/// <see cref="PrepaidItems.Time"/> carry it. The items name no time zone: this tool reads and writes them as UTC.
/// </summary>
public static class Dlt645Clock
{
    /// <summary>The two items' values for <paramref name="at"/> (UTC, whole seconds, years 2000–2099).</summary>
    public static (long Date, long Time) Values(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var date = ((((((long)(utc.Year % 100) * 100) + utc.Month) * 100) + utc.Day) * 100) + (long)utc.DayOfWeek;
        var time = (((long)utc.Hour * 100) + utc.Minute) * 100 + utc.Second;
        return (date, time);
    }

    /// <summary>The moment two items' values name; null when they name no date (the week day is not checked).</summary>
    public static DateTimeOffset? TryRead(long date, long time)
    {
        var (year, month, day) = (2000 + (int)(date / 1_000_000 % 100), (int)(date / 10_000 % 100), (int)(date / 100 % 100));
        var (hour, minute, second) = ((int)(time / 10_000 % 100), (int)(time / 100 % 100), (int)(time % 100));
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
    }
}
