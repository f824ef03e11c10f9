using System.Globalization;
using System.Numerics;

namespace PrepaidMeter.Core.Pricing;

/// <summary>
/// A price per kWh in ten-thousandths of the currency unit: tariffs are published to four decimals
/// (0.5283 per kWh), finer than the hundredths money is settled in.
/// </summary>
public readonly struct UnitPrice :
    IEquatable<UnitPrice>, IComparable<UnitPrice>, IComparable, IFormattable, IParsable<UnitPrice>,
    IEqualityOperators<UnitPrice, UnitPrice, bool>, IComparisonOperators<UnitPrice, UnitPrice, bool>
{
    /// <summary>Ten thousand currency units per kWh: far above any real tariff, low enough that products never overflow.</summary>
    public const long MaxTenThousandths = 100_000_000;

    private readonly long _tenThousandths;

    private UnitPrice(long tenThousandths) => _tenThousandths = tenThousandths;

    public static UnitPrice Zero => default;

    public long TenThousandths => _tenThousandths;

    /// <exception cref="ArgumentOutOfRangeException">Negative or above the maximum.</exception>
    public static UnitPrice FromTenThousandths(long tenThousandths)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tenThousandths);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tenThousandths, MaxTenThousandths);
        return new(tenThousandths);
    }

    /// <exception cref="ArgumentOutOfRangeException">Negative, too large, or finer than four decimals.</exception>
    public static UnitPrice FromUnits(decimal perKilowattHour)
    {
        var scaled = perKilowattHour * 10_000m;
        if (scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentOutOfRangeException(nameof(perKilowattHour), perKilowattHour, "Prices have four decimals at most.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(scaled, nameof(perKilowattHour));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scaled, MaxTenThousandths, nameof(perKilowattHour));
        return new((long)scaled);
    }

    public decimal Units => _tenThousandths / 10_000m;

    public static UnitPrice operator +(UnitPrice left, UnitPrice right) => FromTenThousandths(left._tenThousandths + right._tenThousandths);

    public static UnitPrice Add(UnitPrice left, UnitPrice right) => left + right;

    public static bool operator ==(UnitPrice left, UnitPrice right) => left._tenThousandths == right._tenThousandths;

    public static bool operator !=(UnitPrice left, UnitPrice right) => left._tenThousandths != right._tenThousandths;

    public static bool operator <(UnitPrice left, UnitPrice right) => left._tenThousandths < right._tenThousandths;

    public static bool operator >(UnitPrice left, UnitPrice right) => left._tenThousandths > right._tenThousandths;

    public static bool operator <=(UnitPrice left, UnitPrice right) => left._tenThousandths <= right._tenThousandths;

    public static bool operator >=(UnitPrice left, UnitPrice right) => left._tenThousandths >= right._tenThousandths;

    public bool Equals(UnitPrice other) => _tenThousandths == other._tenThousandths;

    public override bool Equals(object? obj) => obj is UnitPrice other && Equals(other);

    public override int GetHashCode() => _tenThousandths.GetHashCode();

    public int CompareTo(UnitPrice other) => _tenThousandths.CompareTo(other._tenThousandths);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        UnitPrice other => CompareTo(other),
        _ => throw new ArgumentException("Object must be a UnitPrice.", nameof(obj)),
    };

    /// <summary>"0.5283" — always four decimals.</summary>
    public override string ToString() => Units.ToString("0.0000", CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => format switch
    {
        null or "" or "G" => ToString(),
        _ => throw new FormatException($"Unknown UnitPrice format '{format}'; use G."),
    };

    /// <summary>Reads "0.5283", "1", "1.25" (at most four decimals, not negative).</summary>
    public static ParseResult<UnitPrice> Parse(string? text)
    {
        var span = (text ?? "").AsSpan().Trim();
        if (!decimal.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var units))
        {
            return ParseResult<UnitPrice>.ForError($"'{text}' is not a price: digits with an optional '.' and up to four decimals");
        }

        var scaled = units * 10_000m;
        if (scaled != decimal.Truncate(scaled))
        {
            return ParseResult<UnitPrice>.ForError($"'{text}' is not a price: it has more than four decimals");
        }

        return scaled > MaxTenThousandths
            ? ParseResult<UnitPrice>.ForError($"'{text}' is not a price: above {MaxTenThousandths / 10_000} per kWh")
            : ParseResult<UnitPrice>.ForValue(new((long)scaled));
    }

    static UnitPrice IParsable<UnitPrice>.Parse(string s, IFormatProvider? provider) => Parse(s).GetValueOrThrow();

    static bool IParsable<UnitPrice>.TryParse(string? s, IFormatProvider? provider, out UnitPrice result) =>
        Parse(s).TryGetValue(out result);
}
