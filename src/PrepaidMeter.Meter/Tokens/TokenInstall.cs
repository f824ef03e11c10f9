using PrepaidMeter.Tokens.Keys;

namespace PrepaidMeter.Meter.Tokens;

/// <summary>
/// What a token meter is given at manufacture (rule TK1): its STS identity (the model's, with its own decoder reference
/// number) and its decoder key — given as such, or derived from the supply group's vending key with the model's
/// DKGA, as a key loading device would.
/// </summary>
public sealed record TokenInstall(MeterIdentity Identity, DecoderKey Key)
{
    /// <summary>The meter's identity: the model's values and <paramref name="drn"/>; null with the reason when the DRN is not one.</summary>
    public static MeterIdentity? IdentityFor(TokenRule rule, string drn, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(drn);
        problem = MeterIdentity.Problem(rule.Iin, drn, rule.KeyType, rule.SupplyGroup, rule.TariffIndex, rule.KeyRevision, rule.KeyExpiry);
        return problem is null
            ? new MeterIdentity(rule.Iin, drn, rule.KeyType, rule.SupplyGroup, rule.TariffIndex, rule.KeyRevision, rule.BaseDate, rule.KeyExpiry)
            : null;
    }

    /// <summary>The install with a decoder key given as hex (16 digits for EA07, 32 for EA11); null with the reason otherwise.</summary>
    public static TokenInstall? WithDecoderKey(TokenRule rule, string drn, string hex, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (IdentityFor(rule, drn, out problem) is not { } identity)
        {
            return null;
        }

        if (DecoderKey.FromHex(rule.Algorithm, hex) is not { } key)
        {
            problem = $"a decoder key for {Name(rule.Algorithm)} is {(rule.Algorithm == EncryptionAlgorithm.Sta ? 16 : 32)} hex digits";
            return null;
        }

        return new(identity, key);
    }

    /// <summary>The install with the key derived from the vending key with the model's DKGA; null with the reason when the key cannot be one.</summary>
    public static TokenInstall? FromVendingKey(TokenRule rule, string drn, string hex, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (IdentityFor(rule, drn, out problem) is not { } identity)
        {
            return null;
        }

        var bytes = hex.Length % 2 == 0 && hex.All(char.IsAsciiHexDigit) ? Convert.FromHexString(hex) : null;
        if (rule.KeyGeneration == KeyGeneration.Dkga02)
        {
            if (bytes is not { Length: 8 })
            {
                problem = "a DKGA02 vending key is 16 hex digits (single DES)";
                return null;
            }

            return new(identity, Dkga02.Generate(bytes, identity));
        }

        if (bytes is not { Length: >= 16 })
        {
            problem = "a DKGA04 vending key is at least 32 hex digits (128 bits)";
            return null;
        }

        return new(identity, Dkga04.Generate(bytes, identity, rule.Algorithm));
    }

    public static string Name(EncryptionAlgorithm algorithm) => algorithm == EncryptionAlgorithm.Sta ? "EA07" : "EA11";
}
