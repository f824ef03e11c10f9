using System.Globalization;

namespace PrepaidMeter.Hardware.Traces.PcscSpy;

/// <summary>The spy's ways of writing a value: `0x00000001` numbers, `FF A4 00` byte strings, `NULL`.</summary>
internal static class SpyValues
{
    /// <summary>`0x0000000A` (or `0x0000000A (10)` as pcsc-spy prints it) as a number; null for anything else.</summary>
    public static uint? Number(string? text)
    {
        var token = text?.Trim().Split(' ')[0];
        return token is not null && token.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && uint.TryParse(token.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
    }

    /// <summary>`3B 04 A2` as bytes; null for `NULL`, an empty line or anything that is not byte pairs.</summary>
    public static byte[]? Bytes(string? text)
    {
        var tokens = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens is null || tokens.Length == 0 || tokens.Any(t => t.Length != 2))
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(string.Concat(tokens));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
