namespace PrepaidMeter.Tokens.Keys;

/// <summary>The Luhn (mod 10) check digit ISO/IEC 7812 puts at the end of a primary account number and of a meter number.</summary>
public static class Luhn
{
    /// <summary>The check digit for <paramref name="digits"/> (without it).</summary>
    public static int CheckDigit(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var sum = 0;
        // From the right, every second digit starting with the rightmost is doubled (the check digit will take its place).
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (digit is < 0 or > 9)
            {
                throw new ArgumentException($"'{digits}' is not all digits", nameof(digits));
            }

            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>Whether the last digit of <paramref name="digitsWithCheck"/> is the Luhn check of the rest.</summary>
    public static bool IsValid(string digitsWithCheck)
    {
        ArgumentNullException.ThrowIfNull(digitsWithCheck);
        return digitsWithCheck.Length >= 2
            && digitsWithCheck.All(char.IsAsciiDigit)
            && CheckDigit(digitsWithCheck[..^1]) == digitsWithCheck[^1] - '0';
    }
}
