using PrepaidMeter.Tokens.Ciphers;

namespace PrepaidMeter.Tokens.Keys;

/// <summary>
/// The key one meter decrypts its tokens with: 64 bits for the Standard Transfer Algorithm, 128 for MISTY1. Derived from
/// the supply group's vending key and the meter's identity (<see cref="Dkga02"/>, <see cref="Dkga04"/>), or installed in
/// the meter by key change tokens. Printed only by the engine's own commands, never by the back office.
/// </summary>
public sealed class DecoderKey
{
    private readonly byte[] bytes;

    public DecoderKey(EncryptionAlgorithm algorithm, ReadOnlySpan<byte> key)
    {
        var length = algorithm == EncryptionAlgorithm.Sta ? 8 : 16;
        if (key.Length != length)
        {
            throw new ArgumentException($"a decoder key for {algorithm} is {length} bytes, not {key.Length}", nameof(key));
        }

        Algorithm = algorithm;
        bytes = key.ToArray();
    }

    public EncryptionAlgorithm Algorithm { get; }

    public ReadOnlySpan<byte> Bytes => bytes;

    /// <summary>The cipher a meter holding this key uses (the STA's tables: the sample ones unless the licensee's are given).</summary>
    public IBlockCipher64 Cipher(StaTables? tables = null) => Algorithm == EncryptionAlgorithm.Sta
        ? new StandardTransferAlgorithm(Blocks.Read(bytes), tables ?? StaTables.Sample)
        : new Misty1(bytes);

    public string ToHex() => Convert.ToHexString(bytes);

    public static DecoderKey? FromHex(EncryptionAlgorithm algorithm, string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return hex.Length == (algorithm == EncryptionAlgorithm.Sta ? 16 : 32) && hex.All(char.IsAsciiHexDigit)
            ? new DecoderKey(algorithm, Convert.FromHexString(hex))
            : null;
    }

    /// <summary>Never the key itself: a key in a log or an exception message is a key given away.</summary>
    public override string ToString() => $"decoder key ({Algorithm}, {bytes.Length * 8} bits)";
}
