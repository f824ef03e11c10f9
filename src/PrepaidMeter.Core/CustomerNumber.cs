using System.Globalization;
using System.Numerics;

namespace PrepaidMeter.Core;

/// <summary>
/// The number the back office gives a customer (up to 12 digits), carried on the user card.
/// </summary>
public readonly struct CustomerNumber :
    IEquatable<CustomerNumber>, IComparable<CustomerNumber>, IComparable, IFormattable, IParsable<CustomerNumber>,
    IEqualityOperators<CustomerNumber, CustomerNumber, bool>, IComparisonOperators<CustomerNumber, CustomerNumber, bool>
{
    public const int MaxDigits = 12;

    private readonly ulong _value;

    private CustomerNumber(ulong value) => _value = value;

    public static CustomerNumber MinValue => default;

    public static CustomerNumber MaxValue => new((ulong)Digits.Max(MaxDigits));

    public ulong Value => _value;

    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxDigits"/> digits.</exception>
    public static CustomerNumber From(ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Digits.Max(MaxDigits));
        return new((ulong)value);
    }

    public static bool operator ==(CustomerNumber left, CustomerNumber right) => left._value == right._value;

    public static bool operator !=(CustomerNumber left, CustomerNumber right) => left._value != right._value;

    public static bool operator <(CustomerNumber left, CustomerNumber right) => left._value < right._value;

    public static bool operator >(CustomerNumber left, CustomerNumber right) => left._value > right._value;

    public static bool operator <=(CustomerNumber left, CustomerNumber right) => left._value <= right._value;

    public static bool operator >=(CustomerNumber left, CustomerNumber right) => left._value >= right._value;

    public bool Equals(CustomerNumber other) => _value == other._value;

    public override bool Equals(object? obj) => obj is CustomerNumber other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    public int CompareTo(CustomerNumber other) => _value.CompareTo(other._value);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        CustomerNumber other => CompareTo(other),
        _ => throw new ArgumentException("Object must be a CustomerNumber.", nameof(obj)),
    };

    public override string ToString() => _value.ToString("D", CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => format switch
    {
        null or "" or "G" => ToString(),
        _ => throw new FormatException($"Unknown CustomerNumber format '{format}'; use G."),
    };

    /// <summary>Reads up to <see cref="MaxDigits"/> decimal digits.</summary>
    public static ParseResult<CustomerNumber> Parse(string? text)
    {
        var error = Digits.TryParse(text, MaxDigits, "customer number", out var value);
        return error is null ? ParseResult<CustomerNumber>.ForValue(new((ulong)value)) : ParseResult<CustomerNumber>.ForError(error);
    }

    static CustomerNumber IParsable<CustomerNumber>.Parse(string s, IFormatProvider? provider) => Parse(s).GetValueOrThrow();

    static bool IParsable<CustomerNumber>.TryParse(string? s, IFormatProvider? provider, out CustomerNumber result) =>
        Parse(s).TryGetValue(out result);
}
