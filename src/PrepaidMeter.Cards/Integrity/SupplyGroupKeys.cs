using System.Security.Cryptography;

namespace PrepaidMeter.Cards.Integrity;

/// <summary>
/// The keys of one supply group, derived from its secret (the maintenance code, 系统维护码) with
/// HKDF-SHA256: the card MAC key and the SLE4442 PSC. Derived once per group, so decoding a card
/// costs an HMAC and not a key derivation. The secret itself is not kept.
/// </summary>
public sealed class SupplyGroupKeys
{
    public const int MinSecretLength = 4;
    public const int MaxSecretLength = 64;

    private static readonly byte[] Salt = "PrepaidMeter supply group v1"u8.ToArray();
    private readonly byte[] _macKey;
    private readonly byte[] _psc;
    private readonly CardMacKey? _fastMac;

    private SupplyGroupKeys(byte[] macKey, byte[] psc)
    {
        _macKey = macKey;
        _psc = psc;
        _fastMac = OpenSslSha256.IsAvailable ? new CardMacKey(macKey) : null;
    }

    /// <summary>The 32-byte HMAC-SHA256 key for card MACs.</summary>
    public ReadOnlySpan<byte> MacKey => _macKey;

    /// <summary>
    /// The card MAC: HMAC-SHA256 (RFC 2104) of <paramref name="data"/> under <see cref="MacKey"/>, into the first 32
    /// bytes of <paramref name="destination"/>; a layout stores as many of them as its MAC field holds.
    /// </summary>
    public void ComputeMac(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (FastMac is { } fast)
        {
            fast.Compute(data, destination);
            return;
        }

        HMACSHA256.HashData(_macKey, data, destination);
    }

    /// <summary>
    /// As <see cref="ComputeMac(ReadOnlySpan{byte}, Span{byte})"/>; the fast path starts from (or keeps) the state
    /// in <paramref name="prefix"/> over the first <paramref name="prefixLength"/> bytes.
    /// </summary>
    internal void ComputeMac(ReadOnlySpan<byte> data, Span<byte> destination, MacPrefix prefix, int prefixLength)
    {
        if (FastMac is { } fast)
        {
            fast.Compute(data, destination, prefix, prefixLength);
            return;
        }

        HMACSHA256.HashData(_macKey, data, destination);
    }

    /// <summary>The MAC's fast path when <see cref="CardIntegrity"/> chooses it and libcrypto has it; otherwise null.</summary>
    private CardMacKey? FastMac => CardIntegrity.IsFast ? _fastMac : null;

    /// <summary>The 3-byte programmable security code that unlocks writes on an SLE4442 card.</summary>
    public ReadOnlyMemory<byte> Psc => _psc;

    /// <exception cref="ArgumentException">The secret is shorter than 4 or longer than 64 bytes.</exception>
    public static SupplyGroupKeys Derive(ReadOnlySpan<byte> secret)
    {
        if (secret.Length is < MinSecretLength or > MaxSecretLength)
        {
            throw new ArgumentException($"A supply group secret has {MinSecretLength} to {MaxSecretLength} bytes.", nameof(secret));
        }

        var macKey = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, macKey, Salt, "card-mac"u8);
        var psc = new byte[3];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, psc, Salt, "sle4442-psc"u8);
        return new(macKey, psc);
    }

    /// <summary>
    /// Rebuilds the keys a device stored (a meter keeps the derived keys in its NVRAM, never the secret).
    /// </summary>
    /// <exception cref="ArgumentException">Not a 32-byte MAC key and a 3-byte PSC.</exception>
    public static SupplyGroupKeys FromStored(ReadOnlySpan<byte> macKey, ReadOnlySpan<byte> psc)
    {
        if (macKey.Length != 32 || psc.Length != 3)
        {
            throw new ArgumentException("Stored keys are a 32-byte MAC key and a 3-byte PSC.", nameof(macKey));
        }

        return new(macKey.ToArray(), psc.ToArray());
    }

    /// <summary>Reads the secret as hex text ("A1B2C3D4"), the form operators type it in.</summary>
    public static string? TryParseSecret(string? hex, out SupplyGroupKeys? keys)
    {
        keys = null;
        if (string.IsNullOrWhiteSpace(hex))
        {
            return "the secret is empty";
        }

        byte[] secret;
        try
        {
            secret = Convert.FromHexString(hex.Trim());
        }
        catch (FormatException)
        {
            return "the secret must be hexadecimal digits, two per byte";
        }

        if (secret.Length is < MinSecretLength or > MaxSecretLength)
        {
            return $"the secret must have {MinSecretLength} to {MaxSecretLength} bytes, not {secret.Length}";
        }

        keys = Derive(secret);
        CryptographicOperations.ZeroMemory(secret);
        return null;
    }
}
