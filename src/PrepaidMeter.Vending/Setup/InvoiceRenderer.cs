using System.Net;
using System.Text;

namespace PrepaidMeter.Vending.Setup;

/// <summary>
/// A parsed template and a receipt's values as one HTML document with print CSS: 80 mm roll (72 mm of print, no page
/// height, so a receipt printer's driver cuts after it) or A4 (15 mm margins). Every element is the renderer's; every
/// text is escaped (<see cref="TemplateLanguage.Fill"/>).
/// </summary>
internal static class InvoiceRenderer
{
    private const string Css80 = """
        @page { margin: 2mm 4mm; }
        body { width: 72mm; font: 9pt/1.3 "DejaVu Sans", "Noto Sans CJK SC", sans-serif; }
        """;

    private const string CssA4 = """
        @page { size: A4; margin: 15mm; }
        body { max-width: 180mm; font: 11pt/1.4 "DejaVu Sans", "Noto Sans CJK SC", sans-serif; }
        """;

    private const string CssCommon = """
        * { box-sizing: border-box; }
        body { margin: 0 auto; color: #000; background: #fff; }
        h1 { font-size: 1.4em; text-align: center; margin: 0 0 .3em; }
        .header, .footer { text-align: center; margin: 0; }
        .footer { font-size: .85em; margin-top: .6em; }
        hr { border: 0; border-top: 1px dashed #000; margin: .4em 0; }
        table { width: 100%; border-collapse: collapse; }
        td { padding: .1em 0; vertical-align: top; overflow-wrap: anywhere; }
        td.v { text-align: right; }
        tr.total td { font-weight: bold; border-top: 1px solid #000; }
        .template { font-size: .7em; text-align: center; margin-top: .8em; }
        @media print { body { width: auto; max-width: none; } }
        """;

    public static string Render(
        ParsedTemplate template, IReadOnlyDictionary<string, string> values, TaxSplit split, Core.Money arrears, string label, IReadOnlyList<Domain.ReceiptShare>? shares = null)
    {
        var html = new StringBuilder();
        var title = TemplateLanguage.Fill(template.Title ?? label, values);
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n")
            .Append("<meta name=\"prepaid-template\" content=\"").Append(WebUtility.HtmlEncode(label)).Append("\">\n")
            .Append("<title>").Append(title).Append("</title>\n<style>\n")
            .Append(template.A4 ? CssA4 : Css80).Append('\n').Append(CssCommon).Append("\n</style></head>\n<body>\n");
        var table = false;
        void Table(bool open)
        {
            if (open != table)
            {
                html.Append(open ? "<table>\n" : "</table>\n");
                table = open;
            }
        }

        foreach (var line in template.Lines)
        {
            Table(line.Kind is TemplateLineKind.Field or TemplateLineKind.Totals);
            switch (line.Kind)
            {
                case TemplateLineKind.Title:
                    html.Append("<h1>").Append(title).Append("</h1>\n");
                    break;
                case TemplateLineKind.Header:
                    html.Append("<p class=\"header\">").Append(TemplateLanguage.Fill(line.Text, values)).Append("</p>\n");
                    break;
                case TemplateLineKind.Text:
                    html.Append("<p>").Append(TemplateLanguage.Fill(line.Text, values)).Append("</p>\n");
                    break;
                case TemplateLineKind.Footer:
                    html.Append("<p class=\"footer\">").Append(TemplateLanguage.Fill(line.Text, values)).Append("</p>\n");
                    break;
                case TemplateLineKind.Rule:
                    html.Append("<hr>\n");
                    break;
                case TemplateLineKind.Field:
                    Row(html, TemplateLanguage.Fill(line.Text, values), TemplateLanguage.Fill(line.Value, values));
                    break;
                case TemplateLineKind.Totals:
                    Totals(html, split, arrears, shares);
                    break;
            }
        }

        Table(false);
        html.Append("<p class=\"template\">").Append(WebUtility.HtmlEncode($"template {label}")).Append("</p>\n</body></html>\n");
        return html.ToString();
    }

    private static void Totals(StringBuilder html, TaxSplit split, Core.Money arrears, IReadOnlyList<Domain.ReceiptShare>? shares)
    {
        // A meter shared by several customers (用电比例): each share's kWh at its type, what makes up the energy's price.
        foreach (var share in shares ?? [])
        {
            Row(html, WebUtility.HtmlEncode($"{share.CustomerName} ({share.Customer}), {share.PriceType} {share.Percent}: {share.Energy}"), WebUtility.HtmlEncode(share.Money.ToString()));
        }

        Row(html, split.Taxes.Count == 0 ? "Energy" : "Energy (taxes included)", WebUtility.HtmlEncode(split.Gross.ToString()));
        if (split.Taxes.Count > 0)
        {
            Row(html, "Net of tax", WebUtility.HtmlEncode(split.Net.ToString()));
            foreach (var tax in split.Taxes)
            {
                Row(html, WebUtility.HtmlEncode($"{tax.Name} {TaxLines.Percent(tax.BasisPoints)}"), WebUtility.HtmlEncode(tax.Amount.ToString()));
            }
        }

        if (arrears != Core.Money.Zero)
        {
            Row(html, "Arrears collected", WebUtility.HtmlEncode(arrears.ToString()));
        }

        html.Append("<tr class=\"total\"><td>Total paid</td><td class=\"v\">").Append(WebUtility.HtmlEncode((split.Gross + arrears).ToString())).Append("</td></tr>\n");
    }

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><td>").Append(label).Append("</td><td class=\"v\">").Append(value).Append("</td></tr>\n");
}
