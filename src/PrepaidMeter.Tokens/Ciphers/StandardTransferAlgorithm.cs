using System.Numerics;

namespace PrepaidMeter.Tokens.Ciphers;

/// <summary>
/// EA07, the Standard Transfer Algorithm (IEC 62055-41, 6.5.4): sixteen rounds of substitution, permutation and key
/// rotation over the 64-bit block, under a 64-bit decoder key. Before the first round the key is complemented and rotated
/// 12 bits right. In each round every data nibble goes through the first or the second substitution table as the top bit
/// of the key nibble in the same place is 0 or 1, the block's bits are permuted, and the key rotates one bit left.
/// Decryption runs the rounds backwards: the key rotated to where the last round left it, inverse permutation, inverse
/// substitution, rotating right.
/// Bits are numbered as the standard numbers them, 0 the least significant, for the permutation as everywhere else.
/// </summary>
public sealed class StandardTransferAlgorithm : IBlockCipher64
{
    private const int Rounds = 16;
    private readonly StaTables tables;
    private readonly ulong firstRoundKey;

    public StandardTransferAlgorithm(ulong decoderKey, StaTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        this.tables = tables;
        firstRoundKey = BitOperations.RotateRight(~decoderKey, 12);
    }

    public ulong Encrypt(ulong block)
    {
        var key = firstRoundKey;
        for (var round = 0; round < Rounds; round++)
        {
            block = Permute(Substitute(block, key, tables.Substitution1, tables.Substitution2), tables.Permutation);
            key = BitOperations.RotateLeft(key, 1);
        }

        return block;
    }

    public ulong Decrypt(ulong block)
    {
        var key = BitOperations.RotateLeft(firstRoundKey, Rounds - 1);
        for (var round = 0; round < Rounds; round++)
        {
            block = Substitute(Permute(block, tables.InversePermutation), key, tables.Inverse1, tables.Inverse2);
            key = BitOperations.RotateRight(key, 1);
        }

        return block;
    }

    private static ulong Substitute(ulong block, ulong key, IReadOnlyList<int> whenZero, IReadOnlyList<int> whenOne)
    {
        var result = 0UL;
        for (var nibble = 0; nibble < 16; nibble++)
        {
            var shift = nibble * 4;
            var table = ((key >> (shift + 3)) & 1) == 0 ? whenZero : whenOne;
            result |= (ulong)(uint)table[(int)((block >> shift) & 0xF)] << shift;
        }

        return result;
    }

    private static ulong Permute(ulong block, IReadOnlyList<int> destination)
    {
        var result = 0UL;
        for (var bit = 0; bit < 64; bit++)
        {
            result |= ((block >> bit) & 1) << destination[bit];
        }

        return result;
    }
}
