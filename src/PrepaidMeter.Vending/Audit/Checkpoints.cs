using System.Globalization;
using System.Text;

namespace PrepaidMeter.Vending.Audit;

/// <summary>
/// How a log clean-up leaves its mark: the action and subject of its entry, and the checkpoint's signature. The
/// audit checks them; the clean-up (in Maintenance) makes them.
/// </summary>
internal static class Checkpoints
{
    public const string Action = "log clean-up";

    /// <summary>How the clean-up's entry names the checkpoint it made (the audit holds the checkpoint to it).</summary>
    public static string Subject(long checkpointSeq) => string.Create(CultureInfo.InvariantCulture, $"checkpoint {checkpointSeq}");

    /// <summary>The checkpoint's signature: HMAC under the audit key of its number, hash and time.</summary>
    public static string Signature(AuditKey key, long seq, string hash, string at) =>
        key.Mac(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"prepaid checkpoint\nseq {seq}\nhash {hash}\nat {at}\n")));
}
