namespace PrepaidMeter.Meter.Flow;

/// <summary>
/// When a water or gas meter calls a flow a leak (rule W2, docs/water-gas.md): a flow of at least
/// <see cref="MinimumLitresPerHour"/> without a break for <see cref="ContinuousFor"/>. A household's use stops at
/// night; a dripping tap or a running cistern does not, so the window is usually a day.
/// </summary>
public sealed record LeakRule
{
    /// <exception cref="ArgumentOutOfRangeException">A minimum of no flow, or a window under a minute or not whole seconds.</exception>
    public LeakRule(int minimumLitresPerHour, TimeSpan continuousFor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumLitresPerHour);
        ArgumentOutOfRangeException.ThrowIfLessThan(continuousFor, TimeSpan.FromMinutes(1));
        if (continuousFor.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(continuousFor), continuousFor, "A leak window is whole seconds, as the meter's clock is.");
        }

        (MinimumLitresPerHour, ContinuousFor) = (minimumLitresPerHour, continuousFor);
    }

    public int MinimumLitresPerHour { get; }

    public TimeSpan ContinuousFor { get; }
}
