using System.Globalization;

namespace PrepaidMeter.Core;

/// <summary>Parsing of the all-digit identifiers (meter number, card serial, ...), with one set of messages.</summary>
internal static class Digits
{
    private static readonly ulong[] Maxima = BuildMaxima();

    /// <summary>The largest number of <paramref name="digits"/> digits (a table: value factories call this on every card decoded).</summary>
    public static ulong Max(int digits) => Maxima[digits];

    private static ulong[] BuildMaxima()
    {
        var maxima = new ulong[20];
        ulong power = 1;
        for (var i = 1; i < maxima.Length; i++)
        {
            power *= 10;
            maxima[i] = power - 1;
        }

        return maxima;
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
