using System.Globalization;
using System.Numerics;

namespace PrepaidMeter.Core;

/// <summary>
/// A volume of water or gas, held as an integer number of hundredths of a cubic metre (10 litres: the resolution
/// of the accumulated flow a CJ/T 188 meter reports, XXXXXX.XX m³). Signed, because differences — water loss, a
/// corrected sale, a meter in overdraft — can be negative. Never a float. The twin of <see cref="Energy"/> for
/// water and gas meters (docs/water-gas.md); kept a type of its own so a volume is never added to an energy.
/// </summary>
public readonly struct Volume :
    IEquatable<Volume>, IComparable<Volume>, IComparable, IFormattable, IParsable<Volume>,
    IEqualityOperators<Volume, Volume, bool>, IComparisonOperators<Volume, Volume, bool>,
    IAdditionOperators<Volume, Volume, Volume>, ISubtractionOperators<Volume, Volume, Volume>,
    IUnaryNegationOperators<Volume, Volume>
{
    /// <summary>The largest magnitude in hundredths: just under a trillion m³.</summary>
    public const long MaxHundredths = 99_999_999_999_999;

    private readonly long _hundredths;

    private Volume(long hundredths) => _hundredths = hundredths;

    public static Volume Zero => default;

    public static Volume MaxValue => new(MaxHundredths);

    public static Volume MinValue => new(-MaxHundredths);

    /// <summary>The amount in hundredths of a m³.</summary>
    public long Hundredths => _hundredths;

    public decimal CubicMetres => _hundredths / 100m;

    /// <exception cref="ArgumentOutOfRangeException">Beyond <see cref="MaxValue"/> in magnitude.</exception>
    public static Volume FromHundredths(long hundredths)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hundredths, MaxHundredths);
        ArgumentOutOfRangeException.ThrowIfLessThan(hundredths, -MaxHundredths);
        return new(hundredths);
    }

    /// <exception cref="ArgumentOutOfRangeException">Out of range, or finer than 0.01 m³.</exception>
    public static Volume FromCubicMetres(decimal cubicMetres)
    {
        var hundredths = cubicMetres * 100m;
        if (hundredths != decimal.Truncate(hundredths))
        {
            throw new ArgumentOutOfRangeException(nameof(cubicMetres), cubicMetres, "Volume has a resolution of 0.01 m³.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(hundredths, MaxHundredths, nameof(cubicMetres));
        ArgumentOutOfRangeException.ThrowIfLessThan(hundredths, -MaxHundredths, nameof(cubicMetres));
        return new((long)hundredths);
    }

    public bool IsNegative => _hundredths < 0;

    public static Volume Add(Volume left, Volume right) => FromHundredths(left._hundredths + right._hundredths);

    public static Volume Subtract(Volume left, Volume right) => FromHundredths(left._hundredths - right._hundredths);

    public static Volume Negate(Volume value) => new(-value._hundredths);

    public static Volume Min(Volume left, Volume right) => left <= right ? left : right;

    public static Volume Max(Volume left, Volume right) => left >= right ? left : right;

    public static Volume operator +(Volume left, Volume right) => Add(left, right);

    public static Volume operator -(Volume left, Volume right) => Subtract(left, right);

    public static Volume operator -(Volume value) => Negate(value);

    public static bool operator ==(Volume left, Volume right) => left._hundredths == right._hundredths;

    public static bool operator !=(Volume left, Volume right) => left._hundredths != right._hundredths;

    public static bool operator <(Volume left, Volume right) => left._hundredths < right._hundredths;

    public static bool operator >(Volume left, Volume right) => left._hundredths > right._hundredths;

    public static bool operator <=(Volume left, Volume right) => left._hundredths <= right._hundredths;

    public static bool operator >=(Volume left, Volume right) => left._hundredths >= right._hundredths;

    public bool Equals(Volume other) => _hundredths == other._hundredths;

    public override bool Equals(object? obj) => obj is Volume other && Equals(other);

    public override int GetHashCode() => _hundredths.GetHashCode();

    public int CompareTo(Volume other) => _hundredths.CompareTo(other._hundredths);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Volume other => CompareTo(other),
        _ => throw new ArgumentException("Object must be a Volume.", nameof(obj)),
    };

    /// <summary>"12.34 m³"; the format "F" gives the bare number "12.34", "N" groups it by the provider's culture ("1,234.50 m³").</summary>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => format switch
    {
        null or "" or "G" => FixedPoint2.Format(_hundredths) + " m³",
        "F" => FixedPoint2.Format(_hundredths),
        "N" => FixedPoint2.FormatGrouped(_hundredths, NumberFormatInfo.GetInstance(formatProvider)) + " m³",
        _ => throw new FormatException($"Unknown Volume format '{format}'; use G, F or N."),
    };

    /// <summary>Reads "12.34", "12.34m3", "12.34 m3" or "12.34 m³" (m³ as printed, m3 as typed).</summary>
    public static ParseResult<Volume> Parse(string? text)
    {
        var span = (text ?? "").AsSpan().Trim();
        if (span.EndsWith("m3", StringComparison.OrdinalIgnoreCase) || span.EndsWith("m³", StringComparison.OrdinalIgnoreCase))
        {
            span = span[..^2];
        }

        var error = FixedPoint2.TryParse(span, -MaxHundredths, MaxHundredths, out var hundredths);
        return error is null
            ? ParseResult<Volume>.ForValue(new(hundredths))
            : ParseResult<Volume>.ForError($"'{text}' is not a volume: {error}");
    }

    static Volume IParsable<Volume>.Parse(string s, IFormatProvider? provider) => Parse(s).GetValueOrThrow();

    static bool IParsable<Volume>.TryParse(string? s, IFormatProvider? provider, out Volume result) =>
        Parse(s).TryGetValue(out result);
}
