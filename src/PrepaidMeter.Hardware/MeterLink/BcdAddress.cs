using System.Globalization;

namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// What DL/T 645 and CJ/T 188 addresses share: 2 BCD digits a byte, low byte (the last two digits) first on the wire,
/// and all-AAH bytes for the wildcard. Only their lengths differ (6 and 7 bytes).
/// </summary>
internal static class BcdAddress
{
    /// <summary>1 to 2×<paramref name="bytes"/> decimal digits, or as many A's for the wildcard.</summary>
    public static bool TryParse(string? text, int bytes, out ulong digits, out bool wildcard)
    {
        (digits, wildcard) = (0, false);
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 2 * bytes && trimmed.All(c => c is 'A' or 'a'))
        {
            wildcard = true;
            return true;
        }

        return trimmed.Length > 0 && trimmed.Length <= 2 * bytes && trimmed.All(char.IsAsciiDigit)
            && ulong.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out digits);
    }

    public static void Write(ulong digits, bool wildcard, Span<byte> destination)
    {
        if (wildcard)
        {
            destination.Fill(0xAA);
            return;
        }

        Bcd.WriteLittleEndian(digits, destination);
    }

    /// <summary>False when a byte is not two BCD digits and the bytes are not all AAH.</summary>
    public static bool TryRead(ReadOnlySpan<byte> wire, out ulong digits, out bool wildcard)
    {
        (digits, wildcard) = (0, false);
        if (wire.IndexOfAnyExcept((byte)0xAA) < 0)
        {
            wildcard = true;
            return true;
        }

        return Bcd.TryReadLittleEndian(wire, out digits);
    }

    public static string Format(ulong digits, bool wildcard, int bytes) =>
        wildcard ? new string('A', 2 * bytes) : digits.ToString("D" + (2 * bytes).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
