namespace PrepaidMeter.Lab.Files;

/// <summary>
/// One mistake in a vendor's file: the file, where in its JSON (<c>$.defaults.alarm1</c>, <c>$.steps[3]</c>; <c>$</c> for the
/// file as a whole or a rule between members, which the reason then names) and why.
/// </summary>
public sealed record FileMistake(string File, string Path, string Reason)
{
    public override string ToString() => $"{File}: {Path}: {Reason}";
}

/// <summary>What checking one file found: its mistakes, or what it is when it has none.</summary>
public sealed record FileCheckResult(string File, VendorFileKind Kind, IReadOnlyList<FileMistake> Mistakes, string? Summary)
{
    public bool Passed => Mistakes.Count == 0;
}
