using System.Globalization;
using System.Numerics;

namespace PrepaidMeter.Core;

/// <summary>
/// The 6-digit code of a supply group: the domain of meters and cards sharing one maintenance code (STS calls it the supply group code). Cards of one group are refused by meters of another.
/// </summary>
public readonly struct SupplyGroupCode :
    IEquatable<SupplyGroupCode>, IComparable<SupplyGroupCode>, IComparable, IFormattable, IParsable<SupplyGroupCode>,
    IEqualityOperators<SupplyGroupCode, SupplyGroupCode, bool>, IComparisonOperators<SupplyGroupCode, SupplyGroupCode, bool>
{
    public const int MaxDigits = 6;

    private readonly uint _value;

    private SupplyGroupCode(uint value) => _value = value;

    public static SupplyGroupCode MinValue => default;

    public static SupplyGroupCode MaxValue => new((uint)Digits.Max(MaxDigits));

    public uint Value => _value;

    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxDigits"/> digits.</exception>
    public static SupplyGroupCode From(ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Digits.Max(MaxDigits));
        return new((uint)value);
    }

    public static bool operator ==(SupplyGroupCode left, SupplyGroupCode right) => left._value == right._value;

    public static bool operator !=(SupplyGroupCode left, SupplyGroupCode right) => left._value != right._value;

    public static bool operator <(SupplyGroupCode left, SupplyGroupCode right) => left._value < right._value;

    public static bool operator >(SupplyGroupCode left, SupplyGroupCode right) => left._value > right._value;

    public static bool operator <=(SupplyGroupCode left, SupplyGroupCode right) => left._value <= right._value;

    public static bool operator >=(SupplyGroupCode left, SupplyGroupCode right) => left._value >= right._value;

    public bool Equals(SupplyGroupCode other) => _value == other._value;

    public override bool Equals(object? obj) => obj is SupplyGroupCode other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    public int CompareTo(SupplyGroupCode other) => _value.CompareTo(other._value);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        SupplyGroupCode other => CompareTo(other),
        _ => throw new ArgumentException("Object must be a SupplyGroupCode.", nameof(obj)),
    };

    public override string ToString() => _value.ToString("D6", CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => format switch
    {
        null or "" or "G" => ToString(),
        _ => throw new FormatException($"Unknown SupplyGroupCode format '{format}'; use G."),
    };

    /// <summary>Reads up to <see cref="MaxDigits"/> decimal digits.</summary>
    public static ParseResult<SupplyGroupCode> Parse(string? text)
    {
        var error = Digits.TryParse(text, MaxDigits, "supply group code", out var value);
        return error is null ? ParseResult<SupplyGroupCode>.ForValue(new((uint)value)) : ParseResult<SupplyGroupCode>.ForError(error);
    }

    static SupplyGroupCode IParsable<SupplyGroupCode>.Parse(string s, IFormatProvider? provider) => Parse(s).GetValueOrThrow();

    static bool IParsable<SupplyGroupCode>.TryParse(string? s, IFormatProvider? provider, out SupplyGroupCode result) =>
        Parse(s).TryGetValue(out result);
}
