namespace PrepaidMeter.Cards.Codec;

/// <summary>How a field's bytes hold its value. The JSON names are in <see cref="FieldEncodings"/>.</summary>
public enum FieldEncoding
{
    UIntBigEndian,
    UIntLittleEndian,
    IntBigEndian,
    IntLittleEndian,
    Bcd,
    BcdLittleEndian,
    BcdSigned,
    Ascii,
    Raw,
    BcdDateTime,
}

internal static class FieldEncodings
{
    private static readonly (string Name, FieldEncoding Encoding)[] Names =
    [
        ("uint-be", FieldEncoding.UIntBigEndian),
        ("uint-le", FieldEncoding.UIntLittleEndian),
        ("int-be", FieldEncoding.IntBigEndian),
        ("int-le", FieldEncoding.IntLittleEndian),
        ("bcd", FieldEncoding.Bcd),
        ("bcd-le", FieldEncoding.BcdLittleEndian),
        ("bcd-signed", FieldEncoding.BcdSigned),
        ("ascii", FieldEncoding.Ascii),
        ("raw", FieldEncoding.Raw),
        ("bcd-datetime", FieldEncoding.BcdDateTime),
    ];

    public static IEnumerable<string> AllNames => Names.Select(n => n.Name);

    public static FieldEncoding? Parse(string? name) =>
        Array.FindIndex(Names, n => n.Name == name) is var i and >= 0 ? Names[i].Encoding : null;

    public static string NameOf(FieldEncoding encoding) => Array.Find(Names, n => n.Encoding == encoding).Name;

    public static bool IsSigned(FieldEncoding encoding) =>
        encoding is FieldEncoding.IntBigEndian or FieldEncoding.IntLittleEndian or FieldEncoding.BcdSigned;

    /// <summary>The most bytes an integer encoding can hold without passing a signed 64-bit value.</summary>
    public static int MaxLength(FieldEncoding encoding) => encoding switch
    {
        FieldEncoding.Bcd or FieldEncoding.BcdLittleEndian or FieldEncoding.BcdSigned => 9,
        FieldEncoding.Ascii => 18,
        FieldEncoding.UIntBigEndian or FieldEncoding.UIntLittleEndian => 7,
        FieldEncoding.IntBigEndian or FieldEncoding.IntLittleEndian => 8,
        FieldEncoding.BcdDateTime => 6,
        _ => 256,
    };

    /// <summary>The largest magnitude <paramref name="length"/> bytes hold in this encoding.</summary>
    public static long Capacity(FieldEncoding encoding, int length) => encoding switch
    {
        FieldEncoding.UIntBigEndian or FieldEncoding.UIntLittleEndian => (long)((1UL << (8 * length)) - 1),
        FieldEncoding.IntBigEndian or FieldEncoding.IntLittleEndian => (long)((1UL << ((8 * length) - 1)) - 1),
        FieldEncoding.Bcd or FieldEncoding.BcdLittleEndian => PowerOfTen(2 * length) - 1,
        // The top bit of the first byte is the sign, so the leading digit goes up to 7.
        FieldEncoding.BcdSigned => (8 * PowerOfTen((2 * length) - 1)) - 1,
        FieldEncoding.Ascii => PowerOfTen(length) - 1,
        _ => 0,
    };

    public static long PowerOfTen(int exponent)
    {
        long value = 1;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}
