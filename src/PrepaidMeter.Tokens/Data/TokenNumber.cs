using System.Globalization;

namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// The 20 decimal digits a customer types: the 66-bit token (the encrypted 64-bit block with the two class bits
/// transposed into it) written as one decimal number, zero-padded (2^66 − 1 has 20 digits). Printed in 4-4-4-4-4 groups.
/// </summary>
public readonly record struct TokenNumber
{
    public const int Digits = 20;

    /// <summary>The largest 66-bit value: 73 786 976 294 838 206 463.</summary>
    public static readonly UInt128 Largest = (UInt128.One << 66) - 1;

    public TokenNumber(UInt128 value)
    {
        if (value > Largest)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "a token is 66 bits");
        }

        Value = value;
    }

    /// <summary>The 66 bits: bits 65 and 64 on top, then the 64-bit block.</summary>
    public UInt128 Value { get; }

    /// <summary>The token from its 64-bit block and the two bits above it.</summary>
    public static TokenNumber From(int topTwoBits, ulong block) =>
        new(((UInt128)(uint)topTwoBits << 64) | block);

    public int TopTwoBits => (int)(Value >> 64);

    public ulong Block => (ulong)(Value & ulong.MaxValue);

    /// <summary>Reads 20 digits, allowing the spaces and dashes people type between groups; null when it is not a token.</summary>
    public static TokenNumber? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // One pass, no copies: a meter decodes every token typed at it, and this runs before the block is decrypted.
        // The first 19 digits fit a ulong; only the twentieth needs 128 bits.
        ulong head = 0;
        UInt128 value = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || ++digits > Digits)
            {
                return null;
            }

            if (digits < Digits)
            {
                head = (head * 10) + (uint)(c - '0');
            }
            else
            {
                value = ((UInt128)head * 10) + (uint)(c - '0');
            }
        }

        return digits == Digits && value <= Largest ? new TokenNumber(value) : null;
    }

    /// <summary>The twenty digits without separators.</summary>
    public string ToDigits() => Value.ToString("D20", CultureInfo.InvariantCulture);

    /// <summary>As printed on a receipt: 4-4-4-4-4.</summary>
    public override string ToString()
    {
        var digits = ToDigits();
        return string.Join(' ', Enumerable.Range(0, 5).Select(i => digits.Substring(i * 4, 4)));
    }
}
