using System.Globalization;

namespace PrepaidMeter.Core;

/// <summary>Parsing of the all-digit identifiers (meter number, card serial, ...), with one set of messages.</summary>
internal static class Digits
{
    public static ulong Max(int digits)
    {
        ulong max = 1;
        for (var i = 0; i < digits; i++)
        {
            max *= 10;
        }

        return max - 1;
    }

    public static string? TryParse(string? text, int maxDigits, string what, out ulong value)
    {
        value = 0;
        var span = (text ?? "").AsSpan().Trim();
        if (span.IsEmpty)
        {
            return $"a {what} is empty";
        }

        if (span.Length > maxDigits)
        {
            return $"'{text}' is not a {what}: it has more than {maxDigits} digits";
        }

        foreach (var c in span)
        {
            if (c is < '0' or > '9')
            {
                return $"'{text}' is not a {what}: only the digits 0-9 are allowed";
            }
        }

        value = ulong.Parse(span, NumberStyles.None, CultureInfo.InvariantCulture);
        return null;
    }
}
