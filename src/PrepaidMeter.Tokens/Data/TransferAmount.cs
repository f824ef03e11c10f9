namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// A token's 16-bit amount (IEC 62055-41, 6.3.4): a 2-bit exponent e above a 14-bit mantissa m, worth
/// m·10^e + Σ(n=1..e) 2^14·10^(n−1) units — the sum lifts each exponent's range above the one before, so the four ranges
/// run 0–16 383 by 1, 16 384–180 214 by 10, 180 224–1 818 524 by 100 and 1 818 624–18 201 624 by 1 000. A unit is a tenth
/// of the credit's unit (0.1 kWh, 0.1 m³, …) for a credit token, a watt for a power limit.
/// </summary>
public readonly record struct TransferAmount
{
    /// <summary>The most units 16 bits carry: 1 820 162.4 kWh of electricity.</summary>
    public const long Largest = 18_201_624;

    private static readonly long[] Offsets = [0, 16_384, 180_224, 1_818_624];
    private static readonly long[] Steps = [1, 10, 100, 1_000];
    private const int MantissaLimit = 1 << 14;

    private TransferAmount(ushort field) => Field = field;

    /// <summary>The 16 bits as the token carries them.</summary>
    public ushort Field { get; }

    public int Exponent => Field >> 14;

    public int Mantissa => Field & (MantissaLimit - 1);

    /// <summary>The units the field is worth.</summary>
    public long Units => (Mantissa * Steps[Exponent]) + Offsets[Exponent];

    public static TransferAmount FromField(ushort field) => new(field);

    /// <summary>
    /// The field for <paramref name="units"/>, rounded up to the next value the field can carry: "all TransferAmount
    /// conversions shall be rounded up in favour of the customer" (6.3.4). Null beyond <see cref="Largest"/> or below zero.
    /// </summary>
    public static TransferAmount? RoundedUp(long units)
    {
        if (units is < 0 or > Largest)
        {
            return null;
        }

        for (var exponent = 0; exponent < Offsets.Length; exponent++)
        {
            var above = Math.Max(0, units - Offsets[exponent]);
            // Rounding up can carry past the mantissa's 14 bits (16 380 in steps of 10 ends at 180 214; 180 215 rounds to
            // the next exponent's first value), so the exponent is chosen after rounding, not before.
            var mantissa = (above + Steps[exponent] - 1) / Steps[exponent];
            if (mantissa < MantissaLimit)
            {
                return new TransferAmount((ushort)((exponent << 14) | (int)mantissa));
            }
        }

        return null;
    }

    public override string ToString() => Units.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Units of a tenth as a receipt prints them, one decimal place: 126 is "12.6".</summary>
    public static string Tenths(long units) => (units / 10m).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}
