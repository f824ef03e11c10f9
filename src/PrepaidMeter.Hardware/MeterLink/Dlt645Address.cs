using System.Globalization;

namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// A DL/T 645 communication address: 12 BCD digits in 6 bytes, sent low byte first. 999999999999 is the
/// broadcast address (time sync); AAAAAAAAAAAA is the wildcard a meter answers to when its address is
/// not known (read address, 13H).
/// </summary>
public readonly record struct Dlt645Address
{
    public const int Length = 6;

    private readonly ulong _digits;

    private Dlt645Address(ulong digits, bool wildcard)
    {
        _digits = digits;
        IsWildcard = wildcard;
    }

    public static Dlt645Address Broadcast { get; } = new(999_999_999_999, false);

    public static Dlt645Address Wildcard { get; } = new(0, true);

    public bool IsWildcard { get; }

    public bool IsBroadcast => !IsWildcard && _digits == 999_999_999_999;

    /// <summary>The address as a number (a meter number of up to 12 digits); 0 for the wildcard.</summary>
    public ulong Value => _digits;

    /// <exception cref="ArgumentOutOfRangeException">More than 12 digits.</exception>
    public static Dlt645Address From(ulong digits)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 999_999_999_999UL);
        return new(digits, false);
    }

    /// <summary>Parses 1 to 12 decimal digits, or "AAAAAAAAAAAA" for the wildcard.</summary>
    public static bool TryParse(string? text, out Dlt645Address address)
    {
        var parsed = BcdAddress.TryParse(text, Length, out var digits, out var wildcard);
        address = !parsed ? default : wildcard ? Wildcard : From(digits);
        return parsed;
    }

    /// <summary>Writes the 6 wire bytes, low byte (the last two digits) first.</summary>
    public void WriteTo(Span<byte> destination) => BcdAddress.Write(_digits, IsWildcard, destination[..Length]);

    /// <summary>Reads the 6 wire bytes; false when a byte is not two BCD digits (and not the all-AA wildcard).</summary>
    public static bool TryRead(ReadOnlySpan<byte> wire, out Dlt645Address address)
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
