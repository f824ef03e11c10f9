namespace PrepaidMeter.Vending.Setup;

/// <summary>Version 0 of each kind: what a new site prints before it sets a template of its own. No tax lines: a site states its own.</summary>
public static class ShippedTemplates
{
    public const string Receipt = """
        # The shipped receipt (version 0): an 80 mm roll.
        title: Receipt
        paper: 80mm
        header: {{site.name}}
        header: {{site.unit}} · station {{site.station}}
        rule
        field: Receipt no. | {{receipt.number}}
        field: Time (UTC) | {{receipt.time}}
        field: Operator | {{receipt.operator}}
        field: Sale | {{receipt.kind}}, {{receipt.status}}
        rule
        field: Customer | {{customer.number}} {{customer.name}}
        field: Meter | {{meter.number}}
        field: Card | {{card.serial}}, purchase {{purchase.count}}
        field: Price type | {{price.type}}
        field: Credit | {{credit}}
        rule
        totals
        footer: Insert the card in the meter to load the purchase.
        """;

    public const string Invoice = """
        # The shipped invoice (version 0): A4.
        title: Invoice
        paper: a4
        header: {{site.name}}
        header: {{site.unit}}
        header: Registration {{site.registration}} · station {{site.station}}
        rule
        field: Invoice for receipt | {{receipt.number}}
        field: Date (UTC) | {{receipt.date}}
        field: Customer | {{customer.number}} {{customer.name}}
        field: Address | {{customer.address}}
        field: Meter | {{meter.number}}
        field: Price type | {{price.type}}
        field: Supplied | {{credit}}
        rule
        totals
        footer: Operator {{receipt.operator}}
        """;

    public static string Of(InvoiceKind kind) => kind == InvoiceKind.Receipt ? Receipt : Invoice;
}
