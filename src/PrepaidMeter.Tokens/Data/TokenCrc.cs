namespace PrepaidMeter.Tokens.Data;

/// <summary>
/// The token's CRC-16 (IEC 62055-41, 6.3.21): the polynomial x^16 + x^15 + x^2 + 1 processed least significant bit first
/// (0xA001), started at FFFF hex, no final XOR — the CRC Modbus uses. It covers the 50 bits before it (class, subclass and
/// the 44 data bits), left padded with six zeros to seven bytes fed most significant byte first; the register goes into
/// the block low byte first, the order Modbus sends it in.
/// </summary>
public static class TokenCrc
{
    private const ushort ReflectedPolynomial = 0xA001;

    /// <summary>The 16-bit field for a token of <paramref name="tokenClass"/> whose block, CRC aside, is <paramref name="blockWithoutCrc"/>.</summary>
    public static ushort Field(int tokenClass, ulong blockWithoutCrc)
    {
        // Class bits 49..48 above the block's 48 bits 63..16: 50 bits, the six on top zero.
        var covered = ((ulong)(uint)tokenClass << 48) | (blockWithoutCrc >> 16);
        ushort register = 0xFFFF;
        for (var shift = 48; shift >= 0; shift -= 8)
        {
            register ^= (byte)((covered >> shift) & 0xFF);
            for (var bit = 0; bit < 8; bit++)
            {
                register = (register & 1) != 0 ? (ushort)((register >> 1) ^ ReflectedPolynomial) : (ushort)(register >> 1);
            }
        }

        return unchecked((ushort)((register << 8) | (register >> 8)));
    }

    /// <summary>The block with its CRC field (bits 15..0) set.</summary>
    public static ulong Seal(int tokenClass, ulong block) => (block & ~0xFFFFUL) | Field(tokenClass, block);

    /// <summary>Whether the block's CRC field matches the rest of it.</summary>
    public static bool Holds(int tokenClass, ulong block) => (block & 0xFFFF) == Field(tokenClass, block);
}
