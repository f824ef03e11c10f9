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
        address = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Equals("AAAAAAAAAAAA", StringComparison.OrdinalIgnoreCase))
        {
            address = Wildcard;
            return true;
        }

        if (trimmed.Length is 0 or > 12 || !trimmed.All(char.IsAsciiDigit))
        {
            return false;
        }

        address = From(ulong.Parse(trimmed, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Writes the 6 wire bytes, low byte (the last two digits) first.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (IsWildcard)
        {
            destination[..Length].Fill(0xAA);
            return;
        }

        Bcd.WriteLittleEndian(_digits, destination[..Length]);
    }

    /// <summary>Reads the 6 wire bytes; false when a byte is not two BCD digits (and not the all-AA wildcard).</summary>
    public static bool TryRead(ReadOnlySpan<byte> wire, out Dlt645Address address)
    {
        address = default;
        if (wire.Length < Length)
        {
            return false;
        }

        if (wire[..Length].IndexOfAnyExcept((byte)0xAA) < 0)
        {
            address = Wildcard;
            return true;
        }

        if (!Bcd.TryReadLittleEndian(wire[..Length], out var digits))
        {
            return false;
        }

        address = new(digits, false);
        return true;
    }

    public override string ToString() => IsWildcard ? "AAAAAAAAAAAA" : _digits.ToString("D12", CultureInfo.InvariantCulture);
}
