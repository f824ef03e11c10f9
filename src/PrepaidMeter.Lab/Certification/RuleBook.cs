using System.Text;
using System.Text.RegularExpressions;

namespace PrepaidMeter.Lab.Certification;

/// <summary>
/// The rules of the reference model by id, in the words of docs/meter-rules.md (embedded from its docs path,
/// so the report quotes the same text the meter's tests are named after, never a copy that drifts).
/// </summary>
public static partial class RuleBook
{
    private const string Resource = "docs/meter-rules.md";

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Texts = new(() =>
    {
        // The water and gas rules (docs/water-gas.md's tables M, W, B, T and docs/valves.md's V bullets) beside the meter's; the
        // tamper rules are named "tamper T1" there, for docs/meter-rules.md's T1–T3 are the tool cards.
        var all = new Dictionary<string, string>(Parse(ReadResource(Resource)), StringComparer.Ordinal);
        foreach (var (id, text) in Parse(ReadResource("docs/valves.md")).Concat(ParseTables(ReadResource("docs/water-gas.md"))))
        {
            all.TryAdd(id, text);
        }

        return all;
    });

    /// <summary>Every rule id in the document with its text (markdown emphasis removed, lines joined).</summary>
    public static IReadOnlyDictionary<string, string> All => Texts.Value;

    /// <summary>The ids a clause names ("A1, A2, U7" is three).</summary>
    public static IReadOnlyList<string> Ids(string rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return [.. rules.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>The text of rule <paramref name="id"/>, or null when the document has no such rule.</summary>
    public static string? Text(string id) => All.TryGetValue(id, out var text) ? text : null;

    /// <summary>
    /// A rule is a top-level bullet starting with its bold id (<c>- **U1** …</c>, or with a title, <c>- **TK1 Identity and key.** …</c>); its text runs on over the
    /// indented lines after it (N2's sub-points included) until a blank line, the next bullet or a heading.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Parse(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        string? id = null;
        var text = new StringBuilder();
        void Close()
        {
            if (id is not null)
            {
                rules[id] = Plain(text.ToString());
            }

            id = null;
            text.Clear();
        }

        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (RuleStart().Match(line) is { Success: true } start)
            {
                Close();
                id = start.Groups["id"].Value;
                var title = start.Groups["title"].Value.Trim();
                text.Append(title.Length > 0 ? title + " " + start.Groups["text"].Value : start.Groups["text"].Value);
            }
            else if (id is not null && line.StartsWith("  ", StringComparison.Ordinal) && line.Trim().Length > 0)
            {
                text.Append(' ').Append(line.Trim());
            }
            else
            {
                Close();
            }
        }

        Close();
        return rules;
    }

    /// <summary>
    /// The rules of docs/water-gas.md: a table row starting with its id (<c>| M1 | text | tests |</c>), its text the middle
    /// column; the rows under the "Tamper" heading are named "tamper T1" to keep them apart from the tool cards' T1–T3.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ParseTables(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var rules = new Dictionary<string, string>(StringComparer.Ordinal);
        var tamper = false;
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                tamper = line.StartsWith("## Tamper", StringComparison.Ordinal);
            }
            else if (TableRule().Match(line) is { Success: true } row)
            {
                var id = row.Groups["id"].Value;
                rules[tamper ? "tamper " + id : id] = Plain(row.Groups["text"].Value.Replace("`", "", StringComparison.Ordinal));
            }
        }

        return rules;
    }

    // The document marks ids bold and symbols italic; neither star means anything in the rule itself.
    private static string Plain(string text) => text.Replace("*", "", StringComparison.Ordinal).Trim();

    private static string ReadResource(string resource)
    {
        using var stream = typeof(RuleBook).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The Lab assembly does not carry {resource}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // A token rule's bold carries its title too ("- **TK1 Identity and key.** …"): the title is the text's start.
    [GeneratedRegex(@"^- \*\*(?<id>[A-Z]{1,2}[0-9]+)(?<title>[^*]*)\*\*\s*(?<text>.*)$")]
    private static partial Regex RuleStart();

    [GeneratedRegex(@"^\| (?<id>[A-Z][0-9]+) \| (?<text>.+) \| [^|]*\|\s*$")]
    private static partial Regex TableRule();
}
