using System.Net;
using System.Text;

namespace PrepaidMeter.Vending.Setup;

/// <summary>What one line of a template does (docs/vending.md, "Invoice format").</summary>
internal enum TemplateLineKind
{
    Title,
    Paper,
    Header,
    Field,
    Text,
    Rule,
    Tax,
    Totals,
    Footer,
}

/// <summary>A parsed template line: its text (with placeholders), a field's value, a tax's rate.</summary>
internal sealed record TemplateLine(TemplateLineKind Kind, string Text, string Value = "", int BasisPoints = 0);

/// <summary>A template that parsed: its lines in order, its tax lines, and its paper (80 mm or A4).</summary>
internal sealed record ParsedTemplate(IReadOnlyList<TemplateLine> Lines, bool A4)
{
    public IReadOnlyList<TaxLine> Taxes => [.. Lines.Where(l => l.Kind == TemplateLineKind.Tax).Select(l => new TaxLine(l.Text, l.BasisPoints))];

    public string? Title => Lines.FirstOrDefault(l => l.Kind == TemplateLineKind.Title)?.Text;
}

/// <summary>
/// The template language: one directive a line, `{{name}}` placeholders from a fixed list, no markup of its own — the
/// renderer writes every element and HTML-escapes every character of text and values, so no template can put HTML,
/// script or style into a printed document. Parsing refuses anything it does not know, naming it and its line.
/// </summary>
internal static class TemplateLanguage
{
    public const int MaxLength = 16_000;
    public const int MaxTaxLines = 8;

    /// <summary>Every placeholder a template may use; <see cref="InvoiceService"/> fills each.</summary>
    public static readonly IReadOnlyList<string> Placeholders =
    [
        "site.name", "site.station", "site.unit", "site.registration",
        "receipt.number", "receipt.date", "receipt.time", "receipt.kind", "receipt.status", "receipt.operator",
        "customer.number", "customer.name", "customer.contact", "customer.address", "customer.region", "customer.line", "customer.area", "customer.category",
        "account.id", "meter.number", "card.serial", "purchase.count", "price.type",
        "credit", "energy", "money", "arrears", "paid", "net", "tax",
        "template.kind", "template.version",
    ];

    public static (ParsedTemplate? Template, string? Error) Parse(string body)
    {
        if (body is null || body.Length == 0 || body.Length > MaxLength)
        {
            return (null, $"a template is 1 to {MaxLength} characters");
        }

        var lines = new List<TemplateLine>();
        var a4 = (bool?)null;
        var number = 0;
        foreach (var raw in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            number++;
            var text = raw.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            if (text.Any(c => char.IsControl(c) && c != '\t'))
            {
                return (null, $"line {number}: control characters are not allowed");
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var directive = colon < 0 ? text : text[..colon].Trim();
            var rest = colon < 0 ? "" : text[(colon + 1)..].Trim();
            var (line, error) = Directive(directive, rest, colon >= 0);
            if (error is not null)
            {
                return (null, $"line {number}: {error}");
            }

            if (line!.Kind == TemplateLineKind.Paper)
            {
                if (a4 is not null)
                {
                    return (null, $"line {number}: a template names its paper once");
                }

                a4 = line.Text == "a4";
                continue;
            }

            if (line.Kind is TemplateLineKind.Title or TemplateLineKind.Totals && lines.Any(l => l.Kind == line.Kind))
            {
                return (null, $"line {number}: '{directive}' may appear once");
            }

            lines.Add(line);
        }

        var taxes = lines.Where(l => l.Kind == TemplateLineKind.Tax).ToList();
        if (taxes.Count > MaxTaxLines)
        {
            return (null, $"at most {MaxTaxLines} tax lines");
        }

        if (taxes.Sum(t => t.BasisPoints) > TaxLines.MaxBasisPoints)
        {
            return (null, $"the tax lines' rates add up to more than {TaxLines.MaxBasisPoints} basis points (100%)");
        }

        if (taxes.Count > 0 && lines.All(l => l.Kind != TemplateLineKind.Totals))
        {
            return (null, "tax lines print in the totals: add a 'totals' line");
        }

        return (new ParsedTemplate(lines, a4 ?? false), null);
    }

    /// <summary>Fills the placeholders of <paramref name="text"/> and HTML-escapes the whole: template text and values alike.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        var result = new StringBuilder();
        var at = 0;
        while (text.IndexOf("{{", at, StringComparison.Ordinal) is var open and >= 0)
        {
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            result.Append(WebUtility.HtmlEncode(text[at..open]));
            result.Append(WebUtility.HtmlEncode(values[text[(open + 2)..close].Trim()]));
            at = close + 2;
        }

        return result.Append(WebUtility.HtmlEncode(text[at..])).ToString();
    }

    private static (TemplateLine? Line, string? Error) Directive(string directive, string rest, bool hasColon)
    {
        switch (directive)
        {
            case "rule":
            case "totals":
                return hasColon && rest.Length > 0
                    ? (null, $"'{directive}' takes nothing after it")
                    : (new TemplateLine(directive == "rule" ? TemplateLineKind.Rule : TemplateLineKind.Totals, ""), null);
            case "paper":
                return rest is "80mm" or "a4" ? (new TemplateLine(TemplateLineKind.Paper, rest), null) : (null, $"paper is 80mm or a4, not '{rest}'");
            case "title":
            case "header":
            case "text":
            case "footer":
                var kind = directive switch { "title" => TemplateLineKind.Title, "header" => TemplateLineKind.Header, "text" => TemplateLineKind.Text, _ => TemplateLineKind.Footer };
                return Placeholder(rest) is { } bad ? (null, bad) : (new TemplateLine(kind, rest), null);
            case "field":
                var bar = rest.IndexOf('|', StringComparison.Ordinal);
                if (bar < 0)
                {
                    return (null, "a field is 'field: LABEL | VALUE'");
                }

                var (label, value) = (rest[..bar].Trim(), rest[(bar + 1)..].Trim());
                return (Placeholder(label) ?? Placeholder(value)) is { } wrong ? (null, wrong) : (new TemplateLine(TemplateLineKind.Field, label, value), null);
            case "tax":
                var split = rest.LastIndexOf('|');
                if (split < 0 || rest[..split].Trim() is not { Length: > 0 } name
                    || !int.TryParse(rest[(split + 1)..].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var basisPoints)
                    || basisPoints > TaxLines.MaxBasisPoints)
                {
                    return (null, $"a tax line is 'tax: NAME | BASIS_POINTS', the rate a whole number 0 to {TaxLines.MaxBasisPoints} (1300 = 13%)");
                }

                return name.Contains("{{", StringComparison.Ordinal) ? (null, "a tax line's name takes no placeholder") : (new TemplateLine(TemplateLineKind.Tax, name, BasisPoints: basisPoints), null);
            default:
                return (null, $"unknown directive '{directive}'; the directives are title, paper, header, field, text, rule, tax, totals, footer");
        }
    }

    /// <summary>Why a text's placeholders are wrong (unclosed, or unknown — named), or null.</summary>
    private static string? Placeholder(string text)
    {
        var at = 0;
        while (text.IndexOf("{{", at, StringComparison.Ordinal) is var open and >= 0)
        {
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                return $"'{{{{' without '}}}}' in '{text}'";
            }

            var name = text[(open + 2)..close].Trim();
            if (!Placeholders.Contains(name, StringComparer.Ordinal))
            {
                return $"unknown placeholder '{{{{{name}}}}}'; the placeholders are {string.Join(", ", Placeholders)}";
            }

            at = close + 2;
        }

        return null;
    }
}
