using System.Globalization;
using System.Numerics;

namespace PrepaidMeter.Core;

/// <summary>
/// The purchase count (购电次数): per account, one more with every sale; the meter's anti-replay counter.
/// A card whose count is exactly one ahead of the meter's carries a purchase to load.
/// </summary>
public readonly struct PurchaseCount :
    IEquatable<PurchaseCount>, IComparable<PurchaseCount>, IComparable, IFormattable, IParsable<PurchaseCount>,
    IEqualityOperators<PurchaseCount, PurchaseCount, bool>, IComparisonOperators<PurchaseCount, PurchaseCount, bool>
{
    /// <summary>Six digits: fits three BCD bytes on the legacy layouts.</summary>
    public const uint MaxCount = 999_999;

    private readonly uint _value;

    private PurchaseCount(uint value) => _value = value;

    /// <summary>A new account or a new meter: nothing bought yet.</summary>
    public static PurchaseCount Zero => default;

    public static PurchaseCount MaxValue => new(MaxCount);

    public uint Value => _value;

    /// <exception cref="ArgumentOutOfRangeException">Above <see cref="MaxCount"/>.</exception>
    public static PurchaseCount From(uint value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxCount);
        return new(value);
    }

    /// <summary>The count of the next sale.</summary>
    /// <exception cref="InvalidOperationException">At <see cref="MaxCount"/>: the account needs a new card series.</exception>
    public PurchaseCount Next() => _value < MaxCount
        ? new(_value + 1)
        : throw new InvalidOperationException($"Purchase count {MaxCount} is the last one a card can carry.");

    /// <summary>How far this count is ahead of <paramref name="other"/> (negative when behind).</summary>
    public long Minus(PurchaseCount other) => (long)_value - other._value;

    public static bool operator ==(PurchaseCount left, PurchaseCount right) => left._value == right._value;

    public static bool operator !=(PurchaseCount left, PurchaseCount right) => left._value != right._value;

    public static bool operator <(PurchaseCount left, PurchaseCount right) => left._value < right._value;

    public static bool operator >(PurchaseCount left, PurchaseCount right) => left._value > right._value;

    public static bool operator <=(PurchaseCount left, PurchaseCount right) => left._value <= right._value;

    public static bool operator >=(PurchaseCount left, PurchaseCount right) => left._value >= right._value;

    public bool Equals(PurchaseCount other) => _value == other._value;

    public override bool Equals(object? obj) => obj is PurchaseCount other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    public int CompareTo(PurchaseCount other) => _value.CompareTo(other._value);

    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        PurchaseCount other => CompareTo(other),
        _ => throw new ArgumentException("Object must be a PurchaseCount.", nameof(obj)),
    };

    public override string ToString() => _value.ToString(CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => format switch
    {
        null or "" or "G" => ToString(),
        _ => throw new FormatException($"Unknown PurchaseCount format '{format}'; use G."),
    };

    public static ParseResult<PurchaseCount> Parse(string? text)
    {
        var error = Digits.TryParse(text, 6, "purchase count", out var value);
        return error is null
            ? ParseResult<PurchaseCount>.ForValue(new((uint)value))
            : ParseResult<PurchaseCount>.ForError(error);
    }

    static PurchaseCount IParsable<PurchaseCount>.Parse(string s, IFormatProvider? provider) => Parse(s).GetValueOrThrow();

    static bool IParsable<PurchaseCount>.TryParse(string? s, IFormatProvider? provider, out PurchaseCount result) =>
        Parse(s).TryGetValue(out result);
}
