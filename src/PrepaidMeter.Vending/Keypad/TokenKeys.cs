using PrepaidMeter.Tokens;
using PrepaidMeter.Tokens.Keys;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Keypad;

/// <summary>
/// From the books' token key and a meter's DRN to the codec that makes its tokens. The supply group code is the group's
/// own code: the back office's supply group (6 digits) is what STS calls the SGC. The vending key leaves this class only
/// inside the engine's key generation.
/// </summary>
internal static class TokenKeys
{
    /// <summary>The meter as the engine knows it, holding <paramref name="key"/>.</summary>
    public static MeterIdentity Identity(string groupCode, string iin, string drn, TokenKeyRow key) =>
        new(iin, drn, checked((int)key.KeyType), int.Parse(groupCode, System.Globalization.CultureInfo.InvariantCulture), checked((int)key.TariffIndex),
            checked((int)key.KeyRevision), key.Base, checked((int)key.KeyExpiry));

    /// <summary>The meter's decoder key under <paramref name="key"/>.</summary>
    public static DecoderKey DecoderKey(MeterIdentity meter, TokenKeyRow key)
    {
        var vending = Convert.FromHexString(key.VendingKey);
        try
        {
            return DecoderKeys.Derive(key.Generation, vending, meter, key.Encryption);
        }
        finally
        {
            Array.Clear(vending);
        }
    }

    public static TokenCodec Codec(MeterIdentity meter, TokenKeyRow key) => new(DecoderKey(meter, key).Cipher());

    /// <summary>
    /// Whether <paramref name="row"/> and <paramref name="d"/> derive the same decoder key for every meter: the same vending
    /// key, KT, TI, KRN, EA and DKGA, and — DKGA04 only, DKGA02 does not read it — the same base date. KEN is in neither
    /// derivation. Two such keys differ in what the books say (a base date, an expiry) but not in what the meter decrypts with.
    /// </summary>
    public static bool DerivesAlike(TokenKeyRow row, TokenKeyDefinition d)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(d);
        return string.Equals(row.VendingKey, d.VendingKeyHex.Trim(), StringComparison.OrdinalIgnoreCase)
            && row.KeyType == d.KeyType && row.TariffIndex == d.TariffIndex && row.KeyRevision == d.KeyRevision
            && row.Encryption == d.Algorithm && row.Generation == d.Generation
            && (d.Generation == KeyGeneration.Dkga02 || row.Base == d.BaseDate);
    }

    /// <summary>Whether the meter of (<paramref name="iin"/>, <paramref name="drn"/>) has one decoder key under both rows.</summary>
    public static bool SameDecoderKey(string groupCode, string iin, string drn, TokenKeyRow a, TokenKeyRow b)
    {
        var (x, y) = (DecoderKey(Identity(groupCode, iin, drn, a), a), DecoderKey(Identity(groupCode, iin, drn, b), b));
        return x.Algorithm == y.Algorithm && x.Bytes.SequenceEqual(y.Bytes);
    }

    /// <summary>What is wrong with a key an administrator gives, in one sentence; null when it makes keys.</summary>
    public static string? Problem(TokenKeyDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var hex = (d.VendingKeyHex ?? "").Trim();
        if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            // The value is never repeated in a message: it is a secret, and a mistyped secret is nearly the secret.
            return "the vending key is not hex digits (an even number of them)";
        }

        var bytes = hex.Length / 2;
        return d switch
        {
            _ when !Enum.IsDefined(d.Algorithm) => "the encryption algorithm is 07 (STA) or 11 (MISTY1)",
            _ when !Enum.IsDefined(d.Generation) => "the decoder key generation algorithm is 02 or 04",
            _ when d.Algorithm == EncryptionAlgorithm.Misty1 && d.Generation != KeyGeneration.Dkga04 => "EA11 (MISTY1) takes its 128-bit decoder keys from DKGA04, not DKGA02",
            _ when d.Generation == KeyGeneration.Dkga02 && bytes != 8 => $"a DKGA02 vending key is 64 bits (16 hex digits), not {bytes * 8}",
            _ when d.Generation == KeyGeneration.Dkga04 && bytes is < 16 or > 64 => $"a DKGA04 vending key is 128 to 512 bits (32 to 128 hex digits), not {bytes * 8}",
            _ when !Enum.IsDefined(d.BaseDate) => "the base date is 1993, 2014 or 2035",
            _ when d.KeyType == 3 => "key type 3 (a common key) is not supported: its PAN block rule is not public",
            _ when d.KeyType is < 0 or > 3 => $"key type {d.KeyType} is not 0-2",
            _ when d.TariffIndex is < 0 or > 99 => $"tariff index {d.TariffIndex} is not 2 digits",
            _ when d.KeyRevision is < 1 or > 9 => $"key revision {d.KeyRevision} is not 1-9",
            _ when d.KeyExpiry is < 0 or > 255 => $"key expiry number {d.KeyExpiry} is not 0-255",
            _ => null,
        };
    }
}
