namespace PrepaidMeter.Meter.Flow;

/// <summary>
/// Water or gas drawn through a meter over time, in whole litres per hour, constant between changes: the flow
/// twin of <see cref="Load.LoadProfile"/> (docs/water-gas.md, "Flow"). Gas is counted in litres as water is
/// (1 m³ = 1000 L), so one profile type serves both.
/// </summary>
public abstract class FlowProfile
{
    /// <summary>
    /// The largest flow a profile gives: 1,000,000 L/h (1,000 m³/h, far beyond a DN300 bulk meter), so a century of it
    /// still fits a <see cref="Core.Volume"/> and its arithmetic. A leak may add as much again.
    /// </summary>
    public const int MaxLitresPerHour = 1_000_000;

    /// <summary>No flow at all: a closed valve, an empty house.</summary>
    public static FlowProfile None { get; } = new ConstantFlow(0);

    /// <summary>The flow at <paramref name="at"/>, 0 or more litres per hour.</summary>
    public abstract int LitresPerHourAt(DateTimeOffset at);

    /// <summary>The first moment after <paramref name="at"/> the flow may change; null when it never does.</summary>
    public abstract DateTimeOffset? NextChangeAfter(DateTimeOffset at);

    /// <exception cref="ArgumentOutOfRangeException">A negative flow, or more than <see cref="MaxLitresPerHour"/>.</exception>
    public static FlowProfile Constant(int litresPerHour) => new ConstantFlow(litresPerHour);

    /// <summary>
    /// Reads a flow as the CLI and scenario files write it: "120L/h" (whole litres an hour) or "1.5m3/h" (m³ an hour, whole
    /// litres only), up to <see cref="MaxLitresPerHour"/>; null when it reads, else the reason.
    /// </summary>
    public static string? TryParseFlow(string text, out int litresPerHour)
    {
        ArgumentNullException.ThrowIfNull(text);
        litresPerHour = 0;
        var span = text.Trim();
        var scale = 0m;
        foreach (var (suffix, litres) in (ReadOnlySpan<(string, decimal)>)[("l/h", 1m), ("m3/h", 1000m), ("m³/h", 1000m)])
        {
            if (span.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                (scale, span) = (litres, span[..^suffix.Length].TrimEnd());
                break;
            }
        }

        if (scale == 0m || !decimal.TryParse(span, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value * scale > MaxLitresPerHour || value * scale != decimal.Truncate(value * scale))
        {
            return $"'{text}' is not a flow: whole litres an hour or m³ an hour, such as 120L/h or 1.5m3/h, up to {MaxLitresPerHour}L/h";
        }

        litresPerHour = (int)(value * scale);
        return null;
    }

    /// <summary>This flow with a leak beside it: <paramref name="litresPerHour"/> more, day and night, from <paramref name="from"/> on.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A leak of no flow or less, or more than <see cref="MaxLitresPerHour"/>.</exception>
    public FlowProfile WithLeak(int litresPerHour, DateTimeOffset from) => new LeakingFlow(this, litresPerHour, from);

    private sealed class ConstantFlow : FlowProfile
    {
        private readonly int _litresPerHour;

        public ConstantFlow(int litresPerHour)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(litresPerHour);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(litresPerHour, MaxLitresPerHour);
            _litresPerHour = litresPerHour;
        }

        public override int LitresPerHourAt(DateTimeOffset at) => _litresPerHour;

        public override DateTimeOffset? NextChangeAfter(DateTimeOffset at) => null;
    }

    private sealed class LeakingFlow : FlowProfile
    {
        private readonly FlowProfile _use;
        private readonly int _leak;
        private readonly DateTimeOffset _from;

        public LeakingFlow(FlowProfile use, int leak, DateTimeOffset from)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(leak);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(leak, MaxLitresPerHour);
            (_use, _leak, _from) = (use, leak, from);
        }

        public override int LitresPerHourAt(DateTimeOffset at) => checked(_use.LitresPerHourAt(at) + (at >= _from ? _leak : 0));

        public override DateTimeOffset? NextChangeAfter(DateTimeOffset at)
        {
            var use = _use.NextChangeAfter(at);
            if (at >= _from)
            {
                return use;
            }

            return use is { } next && next < _from ? next : _from;
        }
    }
}
