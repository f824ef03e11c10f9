using System.Security.Cryptography;
using System.Text;

namespace PrepaidMeter.Vending.Audit;

/// <summary>
/// The site's audit key: 32 random bytes kept outside the database (docs/vending.md, "Audit"). The
/// operation log's chain is keyed with it (HMAC-SHA256), so someone holding the database alone cannot
/// recompute a chain that verifies; and an ECDSA P-256 key derived from it signs the anchors and
/// checkpoints, which anyone can check with the public key. One secret to keep, one line in a file.
/// </summary>
public sealed class AuditKey : IDisposable
{
    public const int Length = 32;

    private readonly byte[] _chainKey;
    private readonly ECDsa _signer;

    private AuditKey(byte[] secret)
    {
        _chainKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, Length, info: "prepaid audit chain"u8.ToArray());
        _signer = DeriveSigner(secret);
        PublicKey = Convert.ToBase64String(_signer.ExportSubjectPublicKeyInfo());
        Id = IdOf(PublicKey);
        Hex = Convert.ToHexStringLower(secret);
    }

    /// <summary>A short public name of the key (the public key's fingerprint), kept in the site row so a wrong key is named as such.</summary>
    public string Id { get; }

    /// <summary>The anchors' verification key, SubjectPublicKeyInfo in base64.</summary>
    public string PublicKey { get; }

    /// <summary>The secret as 64 hex digits: what the key file and PREPAID_AUDIT_KEY hold.</summary>
    public string Hex { get; }

    public static AuditKey Generate() => new(RandomNumberGenerator.GetBytes(Length));

    /// <summary>The key from its 64 hex digits; null with the reason when the text is not one.</summary>
    public static AuditKey? Parse(string? text, out string? problem)
    {
        var hex = (text ?? "").Trim();
        if (hex.Length != Length * 2 || !hex.All(Uri.IsHexDigit))
        {
            problem = $"an audit key is {Length * 2} hex digits";
            return null;
        }

        problem = null;
        return new AuditKey(Convert.FromHexString(hex));
    }

    /// <summary>The fingerprint of a public key as <see cref="Id"/> gives it.</summary>
    public static string IdOf(string publicKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(publicKey)))[..16];

    /// <summary>The keyed hash of a chain entry's canonical bytes.</summary>
    internal string Mac(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(HMACSHA256.HashData(_chainKey, content));

    /// <summary>An ECDSA P-256 / SHA-256 signature (IEEE P1363) in base64.</summary>
    internal string Sign(string text) => Convert.ToBase64String(_signer.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256));

    /// <summary>Checks a signature made by <see cref="Sign"/> against a public key, without the secret.</summary>
    public static bool VerifySignature(string publicKey, string text, string signature)
    {
        try
        {
            using var verifier = ECDsa.Create();
            verifier.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
            return verifier.VerifyData(Encoding.UTF8.GetBytes(text), Convert.FromBase64String(signature), HashAlgorithmName.SHA256);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => _signer.Dispose();

    // The private scalar is a hash of the secret; the rare hash that is not a valid scalar (about 2^-32) is hashed again.
    private static ECDsa DeriveSigner(byte[] secret)
    {
        var scalar = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, Length, info: "prepaid audit anchor"u8.ToArray());
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });
            }
            catch (CryptographicException) when (attempt < 8)
            {
                scalar = SHA256.HashData(scalar);
            }
        }
    }
}
