namespace PrepaidMeter.Vending.Setup;

/// <summary>What a template prints: the counter's receipt (小票, 80 mm roll) or an invoice (发票, A4).</summary>
public enum InvoiceKind
{
    Receipt,
    Invoice,
}

/// <summary>A version of a kind's template: version 0 is the shipped one, 1, 2, … the site's, the highest in use.</summary>
public sealed record InvoiceTemplateVersion(InvoiceKind Kind, int Version, string Body, DateTimeOffset? At, string? By)
{
    /// <summary>"receipt v2", "invoice v0 (shipped)": what a printed document says it was printed with.</summary>
    public string Label => $"{Kind.Name()} v{Version}{(Version == 0 ? " (shipped)" : "")}";
}

/// <summary>A document printed from a receipt: the HTML, and what it was made with and says.</summary>
public sealed record PrintedInvoice(long ReceiptNumber, InvoiceKind Kind, int TemplateVersion, string TemplateLabel, TaxSplit Taxes, string Html);

public static class InvoiceKinds
{
    public static string Name(this InvoiceKind kind) => kind == InvoiceKind.Receipt ? "receipt" : "invoice";

    public static InvoiceKind? Parse(string? text) => text switch
    {
        "receipt" => InvoiceKind.Receipt,
        "invoice" => InvoiceKind.Invoice,
        _ => null,
    };
}
