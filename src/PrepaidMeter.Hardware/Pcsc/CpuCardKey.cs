using System.Security.Cryptography;
using System.Text;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// The external-authentication key of a CPU card and the cryptogram that proves it. The back office and the
/// meter hold the same write secret for a group's cards on either medium (an SLE4442 takes it as its PSC), so
/// a CPU card is personalised with a key derived from that secret and the reader derives it again: the seam
/// (<c>PresentPscAsync</c>) stays the same for both media. AES-128 over a 16-byte challenge.
/// </summary>
public static class CpuCardKey
{
    public const int Size = 16;
    public const int ChallengeSize = 16;

    private static readonly byte[] Info = Encoding.ASCII.GetBytes("PrepaidMeter CPU card external authentication");

    public static byte[] FromSecret(ReadOnlySpan<byte> secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.ToArray(), Size, salt: [], info: Info);

    /// <summary>What the reader sends in EXTERNAL AUTHENTICATE for <paramref name="challenge"/>: AES-128(key, challenge).</summary>
    public static byte[] Cryptogram(ReadOnlySpan<byte> key, ReadOnlySpan<byte> challenge)
    {
        using var aes = Aes.Create();
        aes.Key = key.ToArray();
        return aes.EncryptEcb(challenge, PaddingMode.None);
    }
}
