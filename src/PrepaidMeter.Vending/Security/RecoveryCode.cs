using System.Globalization;
using System.Security.Cryptography;

namespace PrepaidMeter.Vending.Security;

/// <summary>
/// The site's recovery code: what lets someone at the machine unlock an administrator who is locked out for good
/// (or has forgotten the password) without another account. 100 bits of randomness in five groups of Crockford
/// base-32, shown once by <c>vend init</c> (and again, new, after each use); the books keep only its PBKDF2 hash.
/// </summary>
public static class RecoveryCode
{
    // Crockford's base 32: no I, L, O or U, so it survives being read aloud and copied by hand.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        var characters = new char[20];
        for (var i = 0; i < characters.Length; i++)
        {
            characters[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        var code = new string(characters);
        return string.Join('-', Enumerable.Range(0, 5).Select(g => code.Substring(g * 4, 4)));
    }

    /// <summary>"iterations:salt:hash" of the code as typed, upper-cased and without dashes or spaces.</summary>
    public static string Hash(string code, int iterations)
    {
        var (hash, salt) = PasswordHasher.Hash(Normal(code), iterations);
        return string.Create(CultureInfo.InvariantCulture, $"{iterations}:{salt}:{hash}");
    }

    public static bool Matches(string code, string? stored)
    {
        var parts = (stored ?? "").Split(':');
        return parts.Length == 3 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            && PasswordHasher.Verify(Normal(code), parts[2], parts[1], iterations);
    }

    private static string Normal(string code) =>
        new([.. (code ?? "").ToUpperInvariant().Where(c => c is not ('-' or ' '))]);
}
