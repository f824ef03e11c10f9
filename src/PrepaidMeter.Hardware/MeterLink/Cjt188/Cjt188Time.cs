namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// The real time YYYYMMDDhhmmss of CJ/T 188, 7 BCD bytes sent low first: ss mm hh DD MM, then the year's last
/// two digits and its first two (2015-05-11 22:01:31 is 31 01 22 11 05 15 20). Read as UTC, as the DL/T 645 link does.
/// </summary>
public static class Cjt188Time
{
    public const int Length = 7;

    public static void Write(DateTimeOffset time, Span<byte> destination)
    {
        var utc = time.ToUniversalTime();
        ReadOnlySpan<int> parts = [utc.Second, utc.Minute, utc.Hour, utc.Day, utc.Month, utc.Year % 100, utc.Year / 100];
        for (var i = 0; i < Length; i++)
        {
            destination[i] = Bcd.Pack(parts[i]);
        }
    }

    /// <summary>The time in 7 bytes; null when they are not BCD or not a real moment (a meter without a clock sends zeros).</summary>
    public static DateTimeOffset? Read(ReadOnlySpan<byte> wire)
    {
        if (wire.Length < Length)
        {
            return null;
        }

        Span<int> parts = stackalloc int[Length];
        for (var i = 0; i < Length; i++)
        {
            if (!Bcd.TryUnpack(wire[i], out parts[i]))
            {
                return null;
            }
        }

        var (second, minute, hour, day, month, year) = (parts[0], parts[1], parts[2], parts[3], parts[4], (parts[6] * 100) + parts[5]);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
    }
}
