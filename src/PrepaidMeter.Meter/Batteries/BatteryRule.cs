namespace PrepaidMeter.Meter.Batteries;

/// <summary>
/// A water or gas meter's battery as its model gives it (rules B1–B4, docs/water-gas.md): the voltage of a fresh
/// battery, the low and critical levels, and how much it falls with time and with each run of the valve's motor.
/// Microvolts, so that a drain of a few millivolts a year is still an integer a day.
/// </summary>
public sealed record BatteryRule
{
    /// <exception cref="ArgumentOutOfRangeException">
    /// Not fresh &gt; low &gt; critical &gt; 0, fresh over 100 V, or a drain (a day's, a motor run's) under 0 or over the fresh
    /// voltage — a battery that empties in a day is no battery, and the bound keeps a century's drain in range.
    /// </exception>
    public BatteryRule(int freshMillivolts, int lowMillivolts, int criticalMillivolts, long microvoltsPerDay, long microvoltsPerMotorRun)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(criticalMillivolts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lowMillivolts, criticalMillivolts);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(freshMillivolts, lowMillivolts);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(freshMillivolts, 100_000);
        ArgumentOutOfRangeException.ThrowIfNegative(microvoltsPerDay);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(microvoltsPerDay, freshMillivolts * 1000L);
        ArgumentOutOfRangeException.ThrowIfNegative(microvoltsPerMotorRun);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(microvoltsPerMotorRun, freshMillivolts * 1000L);
        (FreshMillivolts, LowMillivolts, CriticalMillivolts, MicrovoltsPerDay, MicrovoltsPerMotorRun) =
            (freshMillivolts, lowMillivolts, criticalMillivolts, microvoltsPerDay, microvoltsPerMotorRun);
    }

    /// <summary>
    /// A lithium thionyl chloride cell (3.6 V), the usual one in IC-card water meters: low at 3.2 V, critical at 3.0 V,
    /// 0.2 mV a day at rest and 0.5 mV a valve run — with a valve run a week, low after some four years and critical
    /// after six.
    /// </summary>
    public static BatteryRule LithiumCell { get; } = new(3600, 3200, 3000, 200, 500);

    public int FreshMillivolts { get; }

    public int LowMillivolts { get; }

    public int CriticalMillivolts { get; }

    public long MicrovoltsPerDay { get; }

    public long MicrovoltsPerMotorRun { get; }
}
