using System.Globalization;

namespace PrepaidMeter.Core;

/// <summary>
/// Parsing and formatting of integer hundredths as invariant decimal text ("-12.05").
/// Shared by Energy and Money so both read and print amounts the same way.
/// </summary>
internal static class FixedPoint2
{
    public static string Format(long hundredths)
    {
        var sign = hundredths < 0 ? "-" : "";
        // Unsigned magnitude avoids overflow on negation of the minimum.
        var magnitude = hundredths < 0 ? (ulong)(-(hundredths + 1)) + 1 : (ulong)hundredths;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude / 100}.{magnitude % 100:D2}");
    }

    /// <summary>
    /// "-1,234.05" in <paramref name="numbers"/>' signs and separators (a page in the reader's culture): the whole part is an
    /// integer grouped by the culture, the hundredths are appended as digits, so no floating point is ever involved.
    /// </summary>
    public static string FormatGrouped(long hundredths, NumberFormatInfo numbers)
    {
        var magnitude = hundredths < 0 ? (ulong)(-(hundredths + 1)) + 1 : (ulong)hundredths;
        var sign = hundredths < 0 ? numbers.NegativeSign : "";
        return string.Concat(sign, (magnitude / 100).ToString("N0", numbers), numbers.NumberDecimalSeparator, (magnitude % 100).ToString("D2", numbers));
    }

    /// <summary>Reads "12", "12.3", "-12.34", refusing more than two decimals and any other character.</summary>
    public static string? TryParse(ReadOnlySpan<char> text, long min, long max, out long hundredths)
    {
        hundredths = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return "the amount is empty";
        }

        var negative = text[0] == '-';
        if (negative || text[0] == '+')
        {
            text = text[1..];
        }

        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? ReadOnlySpan<char>.Empty : text[(dot + 1)..];
        if (whole.IsEmpty || (dot >= 0 && fraction.IsEmpty))
        {
            return "the amount must be digits with an optional '.' and up to two decimals";
        }

        // Digits first: "12.34 kWh" given where a volume is asked is a wrong unit, not a third decimal.
        if (!AllDigits(whole) || !AllDigits(fraction))
        {
            return "the amount must be digits with an optional '.' and up to two decimals";
        }

        if (fraction.Length > 2)
        {
            return "the amount has more than two decimals (hundredths are the smallest unit)";
        }

        if (whole.Length > 17)
        {
            return "the amount is too large";
        }

        var value = (decimal)ulong.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture) * 100;
        if (!fraction.IsEmpty)
        {
            var cents = int.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
            value += fraction.Length == 1 ? cents * 10 : cents;
        }

        if (negative)
        {
            value = -value;
        }

        if (value < min || value > max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the amount must be between {Format(min)} and {Format(max)}");
        }

        hundredths = (long)value;
        return null;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
