using System.Security.Cryptography;
using System.Text;

namespace PrepaidMeter.Vending.Security;

/// <summary>
/// Operator passwords as PBKDF2-HMAC-SHA256 with a per-operator random salt; the iteration count is
/// stored with each hash, so raising it later leaves old hashes verifiable.
/// </summary>
public static class PasswordHasher
{
    public const int DefaultIterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static (string Hash, string Salt) Hash(string password, int iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return (Convert.ToBase64String(Derive(password, salt, iterations)), Convert.ToBase64String(salt));
    }

    public static bool Verify(string password, string hash, string salt, int iterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        var expected = Convert.FromBase64String(hash);
        var actual = Derive(password, Convert.FromBase64String(salt), iterations);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Why a new password is not acceptable, or null.</summary>
    public static string? Weakness(string? password) =>
        password is null || password.Length < 8 ? "a password needs at least 8 characters" : null;

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
