using System.Globalization;
using System.Numerics;

namespace PrepaidMeter.Core;

/// <summary>
/// An amount of money, held as an integer number of hundredths of the currency unit (fen, cents).
/// The currency itself is the site's; the tool never mixes two. Signed, for refunds, arrears and
/// overdraft. Never a float.
/// </summary>
public readonly struct Money :
    IEquatable<Money>, IComparable<Money>, IComparable, IFormattable, IParsable<Money>,
    IEqualityOperators<Money, Money, bool>, IComparisonOperators<Money, Money, bool>,
    IAdditionOperators<Money, Money, Money>, ISubtractionOperators<Money, Money, Money>,
    IUnaryNegationOperators<Money, Money>
{
    /// <summary>The largest magnitude in hundredths: just under a trillion currency units.</summary>
    public const long MaxHundredths = 99_999_999_999_999;

    private readonly long _hundredths;

    private Money(long hundredths) => _hundredths = hundredths;

    public static Money Zero => default;

    public static Money MaxValue => new(MaxHundredths);

    public static Money MinValue => new(-MaxHundredths);

    /// <summary>The amount in hundredths of the currency unit.</summary>
    public long Hundredths => _hundredths;

    public decimal Units => _hundredths / 100m;

    /// <exception cref="ArgumentOutOfRangeException">Beyond <see cref="MaxValue"/> in magnitude.</exception>
    public static Money FromHundredths(long hundredths)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hundredths, MaxHundredths);
        ArgumentOutOfRangeException.ThrowIfLessThan(hundredths, -MaxHundredths);
        return new(hundredths);
    }

    /// <exception cref="ArgumentOutOfRangeException">Out of range, or finer than a hundredth.</exception>
    public static Money FromUnits(decimal units)
    {
        var hundredths = units * 100m;
        if (hundredths != decimal.Truncate(hundredths))
        {
            throw new ArgumentOutOfRangeException(nameof(units), units, "Money has a resolution of one hundredth.");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(hundredths, MaxHundredths, nameof(units));
        ArgumentOutOfRangeException.ThrowIfLessThan(hundredths, -MaxHundredths, nameof(units));
        return new((long)hundredths);
    }

    public bool IsNegative => _hundredths < 0;

    public static Money Add(Money left, Money right) => FromHundredths(left._hundredths + right._hundredths);

    public static Money Subtract(Money left, Money right) => FromHundredths(left._hundredths - right._hundredths);

    public static Money Negate(Money value) => new(-value._hundredths);

    public static Money Min(Money left, Money right) => left <= right ? left : right;

    public static Money Max(Money left, Money right) => left >= right ? left : right;

    public static Money operator +(Money left, Money right) => Add(left, right);

    public static Money operator -(Money left, Money right) => Subtract(left, right);

    public static Money operator -(Money value) => Negate(value);

    public static bool operator ==(Money left, Money right) => left._hundredths == right._hundredths;

    public static bool operator !=(Money left, Money right) => left._hundredths != right._hundredths;

    public static bool operator <(Money left, Money right) => left._hundredths < right._hundredths;

    public static bool operator >(Money left, Money right) => left._hundredths > right._hundredths;

    public static bool operator <=(Money left, Money right) => left._hundredths <= right._hundredths;

    public static bool operator >=(Money left, Money right) => left._hundredths >= right._hundredths;

    public bool Equals(Money other) => _hundredths == other._hundredths;

    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    public override int GetHashCode() => _hundredths.GetHashCode();

    public int CompareTo(Money other) => _hundredths.CompareTo(other._hundredths);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        Money other => CompareTo(other),
        _ => throw new ArgumentException("Object must be Money.", nameof(obj)),
    };

    /// <summary>"123.45" with invariant digits; the format "N" groups the whole part by the provider's culture ("1,234.50").</summary>
    public override string ToString() => FixedPoint2.Format(_hundredths);

    public string ToString(string? format, IFormatProvider? formatProvider) => format switch
    {
        null or "" or "G" or "F" => FixedPoint2.Format(_hundredths),
        "N" => FixedPoint2.FormatGrouped(_hundredths, NumberFormatInfo.GetInstance(formatProvider)),
        _ => throw new FormatException($"Unknown Money format '{format}'; use G, F or N."),
    };

    /// <summary>Reads "123", "123.4" or "123.45".</summary>
    public static ParseResult<Money> Parse(string? text)
    {
        var error = FixedPoint2.TryParse(text, -MaxHundredths, MaxHundredths, out var hundredths);
        return error is null
            ? ParseResult<Money>.ForValue(new(hundredths))
            : ParseResult<Money>.ForError($"'{text}' is not a money amount: {error}");
    }

    static Money IParsable<Money>.Parse(string s, IFormatProvider? provider) => Parse(s).GetValueOrThrow();

    static bool IParsable<Money>.TryParse(string? s, IFormatProvider? provider, out Money result) =>
        Parse(s).TryGetValue(out result);
}
