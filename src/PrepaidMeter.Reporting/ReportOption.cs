namespace PrepaidMeter.Reporting;

/// <summary>What an option's value is: words, a whole number (a count), or an id.</summary>
public enum ReportOptionKind
{
    Text,
    Count,
    Id,
}

/// <summary>
/// One option of a report as the CLI names it ("--by") and describes it; the web console's form names its field the same
/// without the dashes ("by") and labels it with <see cref="Label"/>. <see cref="Choices"/>, when given, are every value it takes.
/// </summary>
public sealed record ReportOption(string Name, string Label, string Description, string? Default = null, ReportOptionKind Kind = ReportOptionKind.Text)
{
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The name without its dashes: the field of a form, the key of a query string ("price-type").</summary>
    public string Field => Name.TrimStart('-');
}
