using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrepaidMeter.Vending.Audit;

/// <summary>
/// A signed head of the log kept outside the database: the entry number, its hash and the time, signed with the
/// ECDSA key derived from the site's audit key. An anchor file is one anchor a line (JSON); whoever holds it can
/// tell a log rolled back or cut behind it, and check the signatures with the public key the lines carry.
/// </summary>
public sealed record Anchor(
    [property: JsonPropertyName("key")] string KeyId,
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("hash")] string Hash,
    [property: JsonPropertyName("at")] string At,
    [property: JsonPropertyName("publicKey")] string PublicKey,
    [property: JsonPropertyName("signature")] string Signature)
{
    /// <summary>What the signature covers.</summary>
    public string SignedText => SignedTextOf(KeyId, Seq, Hash, At);

    public bool SignatureHolds => AuditKey.IdOf(PublicKey) == KeyId && AuditKey.VerifySignature(PublicKey, SignedText, Signature);

    internal static string SignedTextOf(string keyId, long seq, string hash, string at) =>
        string.Create(CultureInfo.InvariantCulture, $"prepaid anchor\nkey {keyId}\nseq {seq}\nhash {hash}\nat {at}\n");
}

/// <summary>One line of an anchor file: the anchor, or why the line is not one.</summary>
public sealed record AnchorLine(int Line, Anchor? Anchor, string? Problem);

public static class Anchors
{
    private static readonly JsonSerializerOptions Json = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static Anchor Sign(AuditKey key, LogHead head, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(key);
        var stamp = OperationLog.Stamp(at);
        return new Anchor(key.Id, head.Seq, head.Hash, stamp, key.PublicKey, key.Sign(Anchor.SignedTextOf(key.Id, head.Seq, head.Hash, stamp)));
    }

    public static string Format(Anchor anchor) => JsonSerializer.Serialize(anchor, Json);

    /// <summary>The anchors of a file's text, line by line; blank lines are skipped, broken ones reported.</summary>
    public static IReadOnlyList<AnchorLine> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<AnchorLine>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var anchor = JsonSerializer.Deserialize<Anchor>(line, Json);
                lines.Add(anchor is { KeyId: not null, Hash: not null, At: not null, PublicKey: not null, Signature: not null }
                    ? new AnchorLine(number, anchor, null)
                    : new AnchorLine(number, null, "not an anchor: a field is missing"));
            }
            catch (JsonException e)
            {
                lines.Add(new AnchorLine(number, null, $"not an anchor: {e.Message}"));
            }
        }

        return lines;
    }
}
