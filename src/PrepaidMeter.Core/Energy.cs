using System.Globalization;
using System.Numerics;

namespace PrepaidMeter.Core;

/// <summary>
/// An amount of electrical energy, held as an integer number of hundredths of a kilowatt-hour
/// (the 0.01 kWh resolution meters display). Signed, because differences — line loss, a corrected
/// sale, a meter in overdraft — can be negative. Never a float.
/// </summary>
public readonly struct Energy :
    IEquatable<Energy>, IComparable<Energy>, IComparable, IFormattable, IParsable<Energy>,
    IEqualityOperators<Energy, Energy, bool>, IComparisonOperators<Energy, Energy, bool>,
    IAdditionOperators<Energy, Energy, Energy>, ISubtractionOperators<Energy, Energy, Energy>,
    IUnaryNegationOperators<Energy, Energy>
{
    /// <summary>The largest magnitude in hundredths: just under ten trillion kWh.</summary>
    public const long MaxHundredths = 99_999_999_999_999;

    private readonly long _hundredths;

    private Energy(long hundredths) => _hundredths = hundredths;

    public static Energy Zero => default;

    public static Energy MaxValue => new(MaxHundredths);

    public static Energy MinValue => new(-MaxHundredths);

    /// <summary>The amount in hundredths of a kWh.</summary>
    public long Hundredths => _hundredths;

    public decimal KilowattHours => _hundredths / 100m;

    /// <exception cref="ArgumentOutOfRangeException">Beyond <see cref="MaxValue"/> in magnitude.</exception>
    public static Energy FromHundredths(long hundredths)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hundredths, MaxHundredths);
        ArgumentOutOfRangeException.ThrowIfLessThan(hundredths, -MaxHundredths);
        return new(hundredths);
    }

    /// <exception cref="ArgumentOutOfRangeException">Out of range, or finer than 0.01 kWh.</exception>
    public static Energy FromKilowattHours(decimal kilowattHours)
    {
        var hundredths = kilowattHours * 100m;
        if (hundredths != decimal.Truncate(hundredths))
        {
            throw new ArgumentOutOfRangeException(nameof(kilowattHours), kilowattHours, "Energy has a resolution of 0.01 kWh.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(hundredths, MaxHundredths, nameof(kilowattHours));
        ArgumentOutOfRangeException.ThrowIfLessThan(hundredths, -MaxHundredths, nameof(kilowattHours));
        return new((long)hundredths);
    }

    public bool IsNegative => _hundredths < 0;

    public static Energy Add(Energy left, Energy right) => FromHundredths(left._hundredths + right._hundredths);

    public static Energy Subtract(Energy left, Energy right) => FromHundredths(left._hundredths - right._hundredths);

    public static Energy Negate(Energy value) => new(-value._hundredths);

    public static Energy Min(Energy left, Energy right) => left <= right ? left : right;

    public static Energy Max(Energy left, Energy right) => left >= right ? left : right;

    public static Energy operator +(Energy left, Energy right) => Add(left, right);

    public static Energy operator -(Energy left, Energy right) => Subtract(left, right);

    public static Energy operator -(Energy value) => Negate(value);

    public static bool operator ==(Energy left, Energy right) => left._hundredths == right._hundredths;

    public static bool operator !=(Energy left, Energy right) => left._hundredths != right._hundredths;

    public static bool operator <(Energy left, Energy right) => left._hundredths < right._hundredths;

    public static bool operator >(Energy left, Energy right) => left._hundredths > right._hundredths;

    public static bool operator <=(Energy left, Energy right) => left._hundredths <= right._hundredths;

    public static bool operator >=(Energy left, Energy right) => left._hundredths >= right._hundredths;

    public bool Equals(Energy other) => _hundredths == other._hundredths;

    public override bool Equals(object? obj) => obj is Energy other && Equals(other);

    public override int GetHashCode() => _hundredths.GetHashCode();

    public int CompareTo(Energy other) => _hundredths.CompareTo(other._hundredths);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Energy other => CompareTo(other),
        _ => throw new ArgumentException("Object must be an Energy.", nameof(obj)),
    };

    /// <summary>"12.34 kWh"; the format "F" gives the bare number "12.34", "N" groups it by the provider's culture ("1,234.50 kWh").</summary>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => format switch
    {
        null or "" or "G" => FixedPoint2.Format(_hundredths) + " kWh",
        "F" => FixedPoint2.Format(_hundredths),
        "N" => FixedPoint2.FormatGrouped(_hundredths, NumberFormatInfo.GetInstance(formatProvider)) + " kWh",
        _ => throw new FormatException($"Unknown Energy format '{format}'; use G, F or N."),
    };

    /// <summary>Reads "12.34", "12.34kWh" or "12.34 kWh".</summary>
    public static ParseResult<Energy> Parse(string? text)
    {
        var span = (text ?? "").AsSpan().Trim();
        if (span.EndsWith("kwh", StringComparison.OrdinalIgnoreCase))
        {
            span = span[..^3];
        }

        var error = FixedPoint2.TryParse(span, -MaxHundredths, MaxHundredths, out var hundredths);
        return error is null
            ? ParseResult<Energy>.ForValue(new(hundredths))
            : ParseResult<Energy>.ForError($"'{text}' is not an energy amount: {error}");
    }

    static Energy IParsable<Energy>.Parse(string s, IFormatProvider? provider) => Parse(s).GetValueOrThrow();

    static bool IParsable<Energy>.TryParse(string? s, IFormatProvider? provider, out Energy result) =>
        Parse(s).TryGetValue(out result);
}
