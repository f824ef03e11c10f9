using System.Globalization;

namespace PrepaidMeter.Meter.Load;

/// <summary>
/// What the customer draws: power in watts, piecewise constant, with the moment of its next change so
/// the meter can jump from event to event (rule K3). Times are UTC.
/// </summary>
public abstract class LoadProfile
{
    public abstract int WattsAt(DateTimeOffset at);

    /// <summary>Power factor in thousandths (rule P4 looks for resistive loads, near 1000); 950 unless the profile says.</summary>
    public virtual int PowerFactorAt(DateTimeOffset at) => 950;

    /// <summary>The next moment after <paramref name="at"/> when the power changes; null when it never does.</summary>
    public abstract DateTimeOffset? NextChangeAfter(DateTimeOffset at);

    public static LoadProfile Constant(int watts, int powerFactorThousandths = 950) => new ConstantLoad(watts, powerFactorThousandths);

    /// <summary>Reads "2.5kW", "800W", "0" (watts).</summary>
    public static string? TryParsePower(string text, out int watts)
    {
        watts = 0;
        var span = text.Trim();
        var scale = 1m;
        if (span.EndsWith("kw", StringComparison.OrdinalIgnoreCase))
        {
            scale = 1000m;
            span = span[..^2];
        }
        else if (span.EndsWith('w') || span.EndsWith('W'))
        {
            span = span[..^1];
        }

        if (!decimal.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value * scale > 1_000_000m)
        {
            return $"'{text}' is not a power: a number of W or kW, such as 800W or 2.5kW, up to 1000kW";
        }

        watts = (int)decimal.Round(value * scale);
        return null;
    }
}

internal sealed class ConstantLoad : LoadProfile
{
    private readonly int _watts;
    private readonly int _powerFactor;

    public ConstantLoad(int watts, int powerFactorThousandths)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(watts);
        ArgumentOutOfRangeException.ThrowIfLessThan(powerFactorThousandths, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(powerFactorThousandths, 1000);
        _watts = watts;
        _powerFactor = powerFactorThousandths;
    }

    public override int WattsAt(DateTimeOffset at) => _watts;

    public override int PowerFactorAt(DateTimeOffset at) => _powerFactor;

    public override DateTimeOffset? NextChangeAfter(DateTimeOffset at) => null;
}
