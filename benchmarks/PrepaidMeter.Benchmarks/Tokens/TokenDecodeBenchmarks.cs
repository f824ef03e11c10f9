using BenchmarkDotNet.Attributes;
using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Ciphers;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Benchmarks.Tokens;

/// <summary>
/// Issue 28's figure: decoding a typed token (the 20 digits read, the class bits put back, the block decrypted, the CRC
/// checked, the fields read) against the bare block decryption it needs, for each algorithm. The target and the
/// figures are in docs/performance.md.
/// </summary>
public class TokenDecodeBenchmarks
{
    private IBlockCipher64 cipher = null!;
    private TokenCodec codec = null!;
    private string digits = "";
    private ulong block;

    [Params(EncryptionAlgorithm.Sta, EncryptionAlgorithm.Misty1)]
    public EncryptionAlgorithm Algorithm { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var meter = new MeterIdentity(MeterIdentity.DefaultIin, "01234567897", 2, 123456, 1, 1, BaseDate.Year2014, 255);
        var key = Algorithm == EncryptionAlgorithm.Sta
            ? Dkga02.Generate(Convert.FromHexString("0123456789ABCDEF"), meter)
            : Dkga04.Generate(new byte[32], meter, EncryptionAlgorithm.Misty1);
        cipher = key.Cipher();
        codec = new TokenCodec(cipher);
        var token = codec.Encode(new CreditToken(CreditKind.Electricity, 5, new TokenIdentifier(6_801_600), TransferAmount.RoundedUp(126)!.Value));
        digits = token.ToString();
        block = token.Block;
    }

    [Benchmark(Baseline = true)]
    public ulong BareDecryption() => cipher.Decrypt(block);

    [Benchmark]
    public TokenDecoding DecodeTypedToken() => codec.Decode(TokenNumber.Parse(digits)!.Value);
}
