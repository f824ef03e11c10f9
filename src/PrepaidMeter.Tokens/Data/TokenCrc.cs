namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// The token's CRC-16 (IEC 62055-41, 6.3.21): the polynomial x^16 + x^15 + x^2 + 1 processed least significant bit first
/// (0xA001), started at FFFF hex, no final XOR — the CRC Modbus uses. It covers the 50 bits before it (class, subclass and
/// the 44 data bits), left padded with six zeros to seven bytes fed most significant byte first; the register goes into
/// the block low byte first, the order Modbus sends it in.
/// <see cref="Field"/> is the CRC bit by bit, as the standard describes it; <see cref="Holds"/> and <see cref="Seal"/>, which
/// every token made or decoded goes through, take a byte at a time from a table built from it (<c>TokenCrcTests</c> holds
/// the two to each other).
/// </summary>
public static class TokenCrc
{
    private const ushort ReflectedPolynomial = 0xA001;

    /// <summary>The register after one byte from zero, for each byte: the bit-by-bit loop run once, ahead.</summary>
    private static readonly ushort[] ByteTable = [.. Enumerable.Range(0, 256).Select(b => Shift((ushort)b, 8))];

    /// <summary>The 16-bit field for a token of <paramref name="tokenClass"/> whose block, CRC aside, is <paramref name="blockWithoutCrc"/>, bit by bit.</summary>
    public static ushort Field(int tokenClass, ulong blockWithoutCrc)
    {
        ushort register = 0xFFFF;
        var covered = Covered(tokenClass, blockWithoutCrc);
        for (var shift = 48; shift >= 0; shift -= 8)
        {
            register = Shift((ushort)(register ^ ((covered >> shift) & 0xFF)), 8);
        }

        return Placed(register);
    }

    /// <summary>The same field a byte at a time.</summary>
    public static ushort FieldByTable(int tokenClass, ulong blockWithoutCrc)
    {
        ushort register = 0xFFFF;
        var covered = Covered(tokenClass, blockWithoutCrc);
        for (var shift = 48; shift >= 0; shift -= 8)
        {
            register = (ushort)((register >> 8) ^ ByteTable[(register ^ (int)((covered >> shift) & 0xFF)) & 0xFF]);
        }

        return Placed(register);
    }

    /// <summary>The block with its CRC field (bits 15..0) set.</summary>
    public static ulong Seal(int tokenClass, ulong block) => (block & ~0xFFFFUL) | FieldByTable(tokenClass, block);

    /// <summary>Whether the block's CRC field matches the rest of it.</summary>
    public static bool Holds(int tokenClass, ulong block) => (block & 0xFFFF) == FieldByTable(tokenClass, block);

    /// <summary>The class bits 49..48 above the block's 48 bits 63..16: 50 bits, the six on top zero.</summary>
    private static ulong Covered(int tokenClass, ulong block) => ((ulong)(uint)tokenClass << 48) | (block >> 16);

    private static ushort Shift(ushort register, int bits)
    {
        for (var bit = 0; bit < bits; bit++)
        {
            register = (register & 1) != 0 ? (ushort)((register >> 1) ^ ReflectedPolynomial) : (ushort)(register >> 1);
        }

        return register;
    }

    private static ushort Placed(ushort register) => unchecked((ushort)((register << 8) | (register >> 8)));
}
