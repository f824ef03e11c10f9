using System.Globalization;
using System.Numerics;

namespace PrepaidMeter.Core;

/// <summary>
/// The 12-digit number printed on a meter's nameplate and used as its DL/T 645 address; printed zero-padded.
/// </summary>
public readonly struct MeterNumber :
    IEquatable<MeterNumber>, IComparable<MeterNumber>, IComparable, IFormattable, IParsable<MeterNumber>,
    IEqualityOperators<MeterNumber, MeterNumber, bool>, IComparisonOperators<MeterNumber, MeterNumber, bool>
{
    public const int MaxDigits = 12;

    private readonly ulong _value;

    private MeterNumber(ulong value) => _value = value;

    public static MeterNumber MinValue => default;

    public static MeterNumber MaxValue => new((ulong)Digits.Max(MaxDigits));

    public ulong Value => _value;

    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxDigits"/> digits.</exception>
    public static MeterNumber From(ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Digits.Max(MaxDigits));
        return new((ulong)value);
    }

    public static bool operator ==(MeterNumber left, MeterNumber right) => left._value == right._value;

    public static bool operator !=(MeterNumber left, MeterNumber right) => left._value != right._value;

    public static bool operator <(MeterNumber left, MeterNumber right) => left._value < right._value;

    public static bool operator >(MeterNumber left, MeterNumber right) => left._value > right._value;

    public static bool operator <=(MeterNumber left, MeterNumber right) => left._value <= right._value;

    public static bool operator >=(MeterNumber left, MeterNumber right) => left._value >= right._value;

    public bool Equals(MeterNumber other) => _value == other._value;

    public override bool Equals(object? obj) => obj is MeterNumber other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    public int CompareTo(MeterNumber other) => _value.CompareTo(other._value);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        MeterNumber other => CompareTo(other),
        _ => throw new ArgumentException("Object must be a MeterNumber.", nameof(obj)),
    };

    public override string ToString() => _value.ToString("D12", CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => format switch
    {
        null or "" or "G" => ToString(),
        _ => throw new FormatException($"Unknown MeterNumber format '{format}'; use G."),
    };

    /// <summary>Reads up to <see cref="MaxDigits"/> decimal digits.</summary>
    public static ParseResult<MeterNumber> Parse(string? text)
    {
        var error = Digits.TryParse(text, MaxDigits, "meter number", out var value);
        return error is null ? ParseResult<MeterNumber>.ForValue(new((ulong)value)) : ParseResult<MeterNumber>.ForError(error);
    }

    static MeterNumber IParsable<MeterNumber>.Parse(string s, IFormatProvider? provider) => Parse(s).GetValueOrThrow();

    static bool IParsable<MeterNumber>.TryParse(string? s, IFormatProvider? provider, out MeterNumber result) =>
        Parse(s).TryGetValue(out result);
}
