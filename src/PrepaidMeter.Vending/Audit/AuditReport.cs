namespace PrepaidMeter.Vending.Audit;

/// <summary>Something the audit found wrong: where (an entry, a row, an anchor), and what.</summary>
public sealed record AuditFinding(string Where, string Problem)
{
    public override string ToString() => $"{Where}: {Problem}";
}

/// <summary>
/// What <c>audit verify</c> found, and what it could check: without the site's audit key the links, the rows
/// against the digests the entries state and the anchors' signatures are checked, but not who wrote the entries.
/// </summary>
public sealed record AuditReport(
    IReadOnlyList<AuditFinding> Findings,
    long Entries,
    long Rows,
    int Anchors,
    bool Authenticated,
    LogHead Head)
{
    public bool Intact => Findings.Count == 0;
}
