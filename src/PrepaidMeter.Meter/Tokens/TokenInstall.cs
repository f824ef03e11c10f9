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
        problem = rule.KeyGeneration == KeyGeneration.Dkga02
            ? bytes is { Length: 8 } ? null : "a DKGA02 vending key is 16 hex digits (single DES)"
            : bytes is { Length: >= 16 } ? null : "a DKGA04 vending key is at least 32 hex digits (128 bits)";
        return problem is null ? new(identity, DecoderKeys.Derive(rule.KeyGeneration, bytes!, identity, rule.Algorithm)) : null;
    }

    /// <summary>
    /// The lab's vending keys (public, fixed, "LABVEND2" and "LABVEND4LABVEND4" in ASCII): what the lab, certification and the
    /// model property tests install token meters with, so that the vending side of a run can make their tokens. Never a real
    /// supply group's key.
    /// </summary>
    public const string LabVendingKey02 = "4C414256454E4432";

    /// <inheritdoc cref="LabVendingKey02"/>
    public const string LabVendingKey04 = "4C414256454E44344C414256454E4434";

    /// <summary>
    /// The decoder reference number the lab gives meter <paramref name="number"/>: its last 10 digits (12 beside a 4-digit IIN)
    /// and a Luhn check digit, so that every meter number in stock is a different STS meter.
    /// </summary>
    public static string LabDrn(TokenRule rule, Core.MeterNumber number)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var digits = rule.Iin.Length == 4
            ? number.Value.ToString("D12", System.Globalization.CultureInfo.InvariantCulture)
            : (number.Value % 10_000_000_000UL).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
        return digits + Luhn.CheckDigit(digits).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The lab's install of meter <paramref name="number"/> of a token model: <see cref="LabDrn"/>, the key from the lab's vending key.</summary>
    public static TokenInstall ForLab(TokenRule rule, Core.MeterNumber number)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return FromVendingKey(rule, LabDrn(rule, number), LabVendingKey(rule), out var problem)
            ?? throw new InvalidOperationException($"the lab's install of a {rule.KeyGeneration} meter: {problem}");
    }

    /// <summary>The lab vending key for the model's key generation, as hex.</summary>
    public static string LabVendingKey(TokenRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.KeyGeneration == KeyGeneration.Dkga02 ? LabVendingKey02 : LabVendingKey04;
    }

    public static string Name(EncryptionAlgorithm algorithm) => algorithm == EncryptionAlgorithm.Sta ? "EA07" : "EA11";
}
