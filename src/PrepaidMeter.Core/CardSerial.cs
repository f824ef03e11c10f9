using System.Globalization;
using System.Numerics;

namespace PrepaidMeter.Core;

/// <summary>
/// The 8-digit serial of a physical card. A reissued card gets a new serial, so the old one can be refused.
/// </summary>
public readonly struct CardSerial :
    IEquatable<CardSerial>, IComparable<CardSerial>, IComparable, IFormattable, IParsable<CardSerial>,
    IEqualityOperators<CardSerial, CardSerial, bool>, IComparisonOperators<CardSerial, CardSerial, bool>
{
    public const int MaxDigits = 8;

    private readonly uint _value;

    private CardSerial(uint value) => _value = value;

    public static CardSerial MinValue => default;

    public static CardSerial MaxValue => new((uint)Digits.Max(MaxDigits));

    public uint Value => _value;

    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxDigits"/> digits.</exception>
    public static CardSerial From(ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Digits.Max(MaxDigits));
        return new((uint)value);
    }

    public static bool operator ==(CardSerial left, CardSerial right) => left._value == right._value;

    public static bool operator !=(CardSerial left, CardSerial right) => left._value != right._value;

    public static bool operator <(CardSerial left, CardSerial right) => left._value < right._value;

    public static bool operator >(CardSerial left, CardSerial right) => left._value > right._value;

    public static bool operator <=(CardSerial left, CardSerial right) => left._value <= right._value;

    public static bool operator >=(CardSerial left, CardSerial right) => left._value >= right._value;

    public bool Equals(CardSerial other) => _value == other._value;

    public override bool Equals(object? obj) => obj is CardSerial other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    public int CompareTo(CardSerial other) => _value.CompareTo(other._value);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        CardSerial other => CompareTo(other),
        _ => throw new ArgumentException("Object must be a CardSerial.", nameof(obj)),
    };

    public override string ToString() => _value.ToString("D8", CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => format switch
    {
        null or "" or "G" => ToString(),
        _ => throw new FormatException($"Unknown CardSerial format '{format}'; use G."),
    };

    /// <summary>Reads up to <see cref="MaxDigits"/> decimal digits.</summary>
    public static ParseResult<CardSerial> Parse(string? text)
    {
        var error = Digits.TryParse(text, MaxDigits, "card serial", out var value);
        return error is null ? ParseResult<CardSerial>.ForValue(new((uint)value)) : ParseResult<CardSerial>.ForError(error);
    }

    static CardSerial IParsable<CardSerial>.Parse(string s, IFormatProvider? provider) => Parse(s).GetValueOrThrow();

    static bool IParsable<CardSerial>.TryParse(string? s, IFormatProvider? provider, out CardSerial result) =>
        Parse(s).TryGetValue(out result);
}
