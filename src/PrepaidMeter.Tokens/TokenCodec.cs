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
    private const int HighBit = 28;
    private const int LowBit = 27;

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
        var tokenClass = (TokenClass)(int)((number.Block >> LowBit) & 3);
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
            ? TokenDecoding.Refused(TokenDecodeFailure.UnknownSubclass, tokenClass, data)
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

    /// <summary>A subclass the standard reserves (or this engine does not know).</summary>
    UnknownSubclass,
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
