using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;

namespace PrepaidMeter.Tokens.Ciphers;

/// <summary>
/// Single DES in ECB mode on one block (FIPS 46-3), as DKGA02 uses it to diversify a vending key into a decoder key.
/// BouncyCastle's managed engine, not the BCL's: on Linux the BCL hands DES to OpenSSL 3, which keeps it in the legacy
/// provider that a stock install does not load.
/// </summary>
public sealed class DesCipher : IBlockCipher64
{
    private readonly DesEngine encryptor = new();
    private readonly DesEngine decryptor = new();

    /// <param name="key">Eight bytes; the parity bits are ignored, as DES does.</param>
    public DesCipher(ReadOnlySpan<byte> key)
    {
        if (key.Length != 8)
        {
            throw new ArgumentException($"a DES key is 8 bytes, not {key.Length}", nameof(key));
        }

        var parameter = new KeyParameter(key.ToArray());
        encryptor.Init(true, parameter);
        decryptor.Init(false, parameter);
    }

    public ulong Encrypt(ulong block) => Run(encryptor, block);

    public ulong Decrypt(ulong block) => Run(decryptor, block);

    private static ulong Run(DesEngine engine, ulong block)
    {
        Span<byte> input = stackalloc byte[8];
        Span<byte> output = stackalloc byte[8];
        Blocks.Write(input, block);
        engine.ProcessBlock(input, output);
        return Blocks.Read(output);
    }
}
