using System.Globalization;

namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// A CJ/T 188 meter address: 14 BCD digits in 7 bytes A0..A6, sent low byte first (A0 holds the last two
/// digits). Seven AAH bytes are the wildcard the one meter on a line answers to when asked for its address.
/// </summary>
public readonly record struct Cjt188Address
{
    public const int Length = 7;

    private const ulong MaxDigits = 99_999_999_999_999;

    private readonly ulong _digits;

    private Cjt188Address(ulong digits, bool wildcard)
    {
        _digits = digits;
        IsWildcard = wildcard;
    }

    public static Cjt188Address Wildcard { get; } = new(0, true);

    public bool IsWildcard { get; }

    /// <summary>The address as a number of up to 14 digits; 0 for the wildcard.</summary>
    public ulong Value => _digits;

    /// <exception cref="ArgumentOutOfRangeException">More than 14 digits.</exception>
    public static Cjt188Address From(ulong digits)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, MaxDigits);
        return new(digits, false);
    }

    /// <summary>Parses 1 to 14 decimal digits, or "AAAAAAAAAAAAAA" for the wildcard.</summary>
    public static bool TryParse(string? text, out Cjt188Address address)
    {
        var parsed = BcdAddress.TryParse(text, Length, out var digits, out var wildcard);
        address = !parsed ? default : wildcard ? Wildcard : From(digits);
        return parsed;
    }

    /// <summary>Writes the 7 wire bytes, low byte (the last two digits) first.</summary>
    public void WriteTo(Span<byte> destination) => BcdAddress.Write(_digits, IsWildcard, destination[..Length]);

    /// <summary>Reads the 7 wire bytes; false when a byte is not two BCD digits (and the bytes are not all AAH).</summary>
    public static bool TryRead(ReadOnlySpan<byte> wire, out Cjt188Address address)
    {
        address = default;
        if (wire.Length < Length || !BcdAddress.TryRead(wire[..Length], out var digits, out var wildcard))
        {
            return false;
        }

        address = new(digits, wildcard);
        return true;
    }

    public override string ToString() => BcdAddress.Format(_digits, IsWildcard, Length);
}
