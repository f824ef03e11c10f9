namespace PrepaidMeter.Tokens.Ciphers;

/// <summary>
/// A 64-bit block cipher under one decoder key, as an STS encryption algorithm uses it: the token's 64-bit data block in,
/// the 64-bit block out. Bit 63 of the <see cref="ulong"/> is the block's first (leftmost) bit, as the standard draws it.
/// </summary>
public interface IBlockCipher64
{
    ulong Encrypt(ulong block);

    ulong Decrypt(ulong block);
}
