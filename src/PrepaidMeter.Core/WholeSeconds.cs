namespace PrepaidMeter.Core;

/// <summary>
/// A meter's clock runs in whole seconds: what the water meter's parts (flow, battery, tamper) share to keep to it,
/// in integer ticks so that no duration goes through a floating-point number of seconds. In Core, below the meter's
/// namespaces, so that the parts and the meter that owns them do not use each other round a loop.
/// </summary>
public static class WholeSeconds
{
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="start"/> falls between two seconds.</exception>
    public static void RequireWhole(DateTimeOffset start, string parameterName)
    {
        if (start.UtcTicks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, start, "The meter's clock runs in whole seconds.");
        }
    }

    /// <summary>Where <paramref name="duration"/> from <paramref name="clock"/> ends, a fraction of a second dropped.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative duration.</exception>
    public static DateTimeOffset After(DateTimeOffset clock, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return clock.AddTicks(duration.Ticks - (duration.Ticks % TimeSpan.TicksPerSecond));
    }

    /// <summary>The whole seconds from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static long Between(DateTimeOffset from, DateTimeOffset to) => (to.UtcTicks - from.UtcTicks) / TimeSpan.TicksPerSecond;

    public static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
