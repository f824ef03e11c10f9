using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PrepaidMeter.Vending.Audit;

/// <summary>
/// One entry of the chain as its hash sees it. A keyed entry's hash is HMAC-SHA256 under the site's audit key of
/// every field, the rows it covers and the hash before it (length-prefixed, so no two entries serialise alike);
/// an entry written before the site had a key (schema 6 and earlier) was hashed with plain SHA-256 and no rows.
/// </summary>
internal sealed record ChainEntry(long Seq, string At, string Operator, string Action, string Subject, string Detail, string Rows, string PrevHash)
{
    public const string Keyed = "hmac-sha256";

    public string KeyedHash(AuditKey key) => key.Mac(Encoding.UTF8.GetBytes(Canonical("v2", Seq, At, Operator, Action, Subject, Detail, Rows, PrevHash)));

    /// <summary>The hash of an entry from before the key: anyone can recompute it, so only its link is evidence.</summary>
    public string LegacyHash() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(null, Seq, At, Operator, Action, Subject, Detail, null, PrevHash))));

    private static string Canonical(string? version, long seq, params string?[] parts)
    {
        var builder = new StringBuilder();
        foreach (var part in new[] { version, seq.ToString(CultureInfo.InvariantCulture) }.Concat(parts))
        {
            if (part is not null)
            {
                builder.Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part).Append('\n');
            }
        }

        return builder.ToString();
    }
}
