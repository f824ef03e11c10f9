namespace PrepaidMeter.Vending.Audit;

public static partial class AuditVerifier
{
    /// <summary>Each anchor signed by the site's key, and the log still holding what it signed; returns how many anchors were read.</summary>
    private static int CheckAnchors(IReadOnlyList<AnchorLine> anchors, ChainView chain, SiteAudit site, AuditKey? key, List<AuditFinding> findings)
    {
        var count = 0;
        foreach (var line in anchors)
        {
            var where = $"anchor on line {line.Line}";
            if (line.Anchor is not { } anchor)
            {
                findings.Add(new(where, line.Problem ?? "not an anchor"));
                continue;
            }

            count++;
            // Whose key signed it: the site's own, known from the key itself, or else from what the site row records.
            var expectedKey = key?.PublicKey ?? site.PublicKey;
            if (!anchor.SignatureHolds)
            {
                findings.Add(new(where, "its signature does not hold (the anchor was edited)"));
                continue;
            }

            if (expectedKey is null || anchor.PublicKey != expectedKey)
            {
                findings.Add(new(where, $"it is signed by key {anchor.KeyId}, not by this site's ({site.KeyId ?? "none recorded"})"));
                continue;
            }

            if (anchor.Seq > site.Seq)
            {
                findings.Add(new(where, $"it signed entry {anchor.Seq}, but the log now ends at entry {site.Seq} (rolled back, or cut behind the anchor)"));
            }
            else if (anchor.Seq > chain.Checkpoint.Seq)
            {
                if (!chain.Hashes.TryGetValue(anchor.Seq, out var hash))
                {
                    findings.Add(new(where, $"entry {anchor.Seq}, which it signed, is gone"));
                }
                else if (!string.Equals(hash, anchor.Hash, StringComparison.Ordinal))
                {
                    findings.Add(new(where, $"entry {anchor.Seq} is not the entry it signed (the log was rewritten from there or before)"));
                }
            }
            else if (anchor.Seq == chain.Checkpoint.Seq && !string.Equals(chain.Checkpoint.Hash, anchor.Hash, StringComparison.Ordinal))
            {
                findings.Add(new(where, $"the checkpoint at entry {anchor.Seq} does not hold the hash it signed"));
            }
        }

        return count;
    }
}
