using PrepaidMeter.Tokens.Ciphers;
using PrepaidMeter.Tokens.Data;

namespace PrepaidMeter.Tokens;

/// <summary>
/// From token data to the 20 digits and back (IEC 62055-41, 6.4–6.5 and 7.3): the block gets its CRC, is encrypted
/// under the meter's decoder key (class 0 and 2; class 1 goes in clear), the two class bits take the places of the
/// encrypted block's bits 28 and 27, which move up to become bits 65 and 64, and the 66-bit number is written in decimal.
/// </summary>
public sealed class TokenCodec(IBlockCipher64 cipher)
{
    private const int LowBit = 27;

    /// <summary>A codec for class 1 tokens only, which are not encrypted: it needs no key, and encrypts nothing.</summary>
    public static TokenCodec ForTestTokens { get; } = new(new NoCipher());

    /// <summary>The class a token's digits claim (bits 28 and 27), read without any key.</summary>
    public static TokenClass ClassOf(TokenNumber number) => (TokenClass)(int)((number.Block >> LowBit) & 3);

    public TokenNumber Encode(TokenData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var block = data.ToBlock();
        var sent = data.Class == TokenClass.InitiateMeterTest ? block : cipher.Encrypt(block);
        var displaced = (int)((sent >> LowBit) & 3);
        var withClass = (sent & ~(3UL << LowBit)) | ((ulong)(uint)data.Class << LowBit);
        return TokenNumber.From(displaced, withClass);
    }

    /// <summary>The token's data, or why a meter would refuse it before looking further (wrong key, mistyped, reserved class).</summary>
    public TokenDecoding Decode(TokenNumber number)
    {
        var tokenClass = ClassOf(number);
        if (tokenClass == TokenClass.Reserved)
        {
            return TokenDecoding.Refused(TokenDecodeFailure.ReservedClass, tokenClass);
        }

        var sent = (number.Block & ~(3UL << LowBit)) | ((ulong)(uint)number.TopTwoBits << LowBit);
        var block = tokenClass == TokenClass.InitiateMeterTest ? sent : cipher.Decrypt(sent);
        if (!TokenCrc.Holds((int)tokenClass, block))
        {
            // A mistyped digit and a token for another meter (another key) look the same to a meter: the CRC fails.
            return TokenDecoding.Refused(TokenDecodeFailure.CrcMismatch, tokenClass);
        }

        var data = TokenData.FromBlock(tokenClass, block);
        return data is UnknownToken
            ? TokenDecoding.Refused(TokenDecodeFailure.Unsupported, tokenClass, data)
            : TokenDecoding.Decoded(data);
    }
}

/// <summary>Why a token's digits give no token data.</summary>
public enum TokenDecodeFailure
{
    None,

    /// <summary>The CRC does not hold: mistyped, or encrypted under another meter's key.</summary>
    CrcMismatch,

    /// <summary>Class 3, which the standard reserves.</summary>
    ReservedClass,

    /// <summary>
    /// A subclass the standard reserves, a proprietary one, or one this engine does not read: currency credit (CRC_C is
    /// not public; such a token usually fails the CRC instead, being sealed with the other check), class 1 subclasses 2–15.
    /// </summary>
    Unsupported,
}

/// <summary>A decode's outcome: the data, or the failure (with the class the token claimed).</summary>
public sealed record TokenDecoding(TokenData? Data, TokenDecodeFailure Failure, TokenClass Class)
{
    public bool Succeeded => Failure == TokenDecodeFailure.None;

    public static TokenDecoding Decoded(TokenData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new(data, TokenDecodeFailure.None, data.Class);
    }

    public static TokenDecoding Refused(TokenDecodeFailure failure, TokenClass tokenClass, TokenData? data = null) => new(data, failure, tokenClass);
}

/// <summary>The "cipher" of <see cref="TokenCodec.ForTestTokens"/>: asked to encrypt or decrypt, it is a programming error.</summary>
internal sealed class NoCipher : IBlockCipher64
{
    public ulong Encrypt(ulong block) => throw new InvalidOperationException("class 1 tokens are not encrypted; class 0 and 2 tokens need the meter's key");

    public ulong Decrypt(ulong block) => throw new InvalidOperationException("class 1 tokens are not encrypted; class 0 and 2 tokens need the meter's key");
}
