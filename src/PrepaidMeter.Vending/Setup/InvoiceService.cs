using System.Globalization;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Setup;

/// <summary>A template version as listed: which it is, who set it, its tax lines, and whether it is the one printing now.</summary>
public sealed record InvoiceTemplateInfo(string Kind, int Version, string Label, DateTimeOffset? At, string? By, string Taxes, bool InUse);

/// <summary>
/// The invoice format (发票格式): the site's receipt and invoice templates, versioned in the books (a new version each
/// time one is set; none is ever changed or removed), and a receipt printed with one as HTML. docs/vending.md, "Invoice format".
/// </summary>
public sealed class InvoiceService
{
    private readonly VendingContext _context;

    internal InvoiceService(VendingContext context) => _context = context;

    /// <summary>Checks <paramref name="body"/> and makes it the kind's next version; the same text as the version in use changes nothing.</summary>
    public VendResult<InvoiceTemplateVersion> Set(OperatorSession session, InvoiceKind kind, string body) =>
        _context.Write<InvoiceTemplateVersion>(session, Permission.InvoiceFormat, scope =>
        {
            if (!Enum.IsDefined(kind))
            {
                return Refuse.Invalid($"kind {(int)kind} is neither receipt nor invoice");
            }

            var (_, error) = TemplateLanguage.Parse(body);
            if (error is not null)
            {
                return Refuse.Invalid($"{kind.Name()} template: {error}");
            }

            var current = Current(scope.Connection, scope.Transaction, kind);
            if (current.Body == body)
            {
                return current;
            }

            var version = current.Version + 1;
            scope.InsertCovered(AuditedTable.InvoiceTemplates,
                "INSERT INTO invoice_templates (kind, version, body, created_at, created_by) VALUES (@kind, @version, @body, @at, @by)",
                new { kind = kind.Name(), version, body, at = scope.Stamp, by = scope.Operator });
            scope.Log("invoice template", $"{kind.Name()} v{version}", $"{body.Length} characters; taxes {Taxes(body)}");
            return new InvoiceTemplateVersion(kind, version, body, scope.Now, scope.Operator);
        });

    /// <summary>The kind's template in use (the highest version; the shipped one, version 0, when the site has set none), or the version asked for.</summary>
    public VendResult<InvoiceTemplateVersion> Get(OperatorSession session, InvoiceKind kind, int? version = null) =>
        _context.Read<InvoiceTemplateVersion>(session, Permission.Queries, connection => Version(connection, kind, version));

    /// <summary>Every version of both kinds: the shipped ones (version 0) first, then the site's.</summary>
    public VendResult<IReadOnlyList<InvoiceTemplateInfo>> List(OperatorSession session) =>
        _context.Read<IReadOnlyList<InvoiceTemplateInfo>>(session, Permission.Queries, connection =>
        {
            var stored = connection.Query<TemplateRow>("SELECT kind, version, body, created_at, created_by FROM invoice_templates").Select(r => r.ToModel()).ToList();
            return Enum.GetValues<InvoiceKind>()
                .SelectMany(kind =>
                {
                    var versions = stored.Where(v => v.Kind == kind).OrderBy(v => v.Version).Prepend(new InvoiceTemplateVersion(kind, 0, ShippedTemplates.Of(kind), null, null)).ToList();
                    return versions.Select(v => new InvoiceTemplateInfo(kind.Name(), v.Version, v.Label, v.At, v.By, Taxes(v.Body), v == versions[^1]));
                })
                .ToList();
        });

    /// <summary>
    /// Receipt <paramref name="receiptNumber"/> as a <paramref name="kind"/> printed with the template in use (or
    /// <paramref name="version"/>): HTML naming the template version, taxes split out of the energy's price (taxes included).
    /// </summary>
    public VendResult<PrintedInvoice> Print(OperatorSession session, long receiptNumber, InvoiceKind kind, int? version = null) =>
        _context.Read<PrintedInvoice>(session, Permission.Queries, connection =>
        {
            var template = Version(connection, kind, version);
            if (template.Refused)
            {
                return template.Refusal;
            }

            if (connection.QueryFirstOrDefault<SaleRow>(SaleRow.Select + " WHERE s.receipt_no = @receiptNumber", new { receiptNumber }) is not { } saleRow)
            {
                return Refuse.NotFound($"no receipt {receiptNumber}");
            }

            var receipt = connection.QuerySingle<ReceiptExtras>(ReceiptExtras.Select, new { saleRow.Id });

            var parsed = TemplateLanguage.Parse(template.Value.Body).Template ?? throw new InvalidOperationException($"Template {template.Value.Label} does not parse.");
            var site = connection.QuerySingle<SiteRow>("SELECT station_number, station_name, management_unit, registration_code FROM site WHERE id = 1");
            var sale = saleRow.ToModel();
            var shares = SaleShareView.OfSale(connection, null, saleRow.Id);
            var split = TaxLines.Included(sale.Money - sale.ArrearsCollected, parsed.Taxes);
            var label = template.Value.Label;
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["site.name"] = site.StationName,
                ["site.station"] = site.StationNumber,
                ["site.unit"] = site.ManagementUnit,
                ["site.registration"] = site.RegistrationCode,
                ["receipt.number"] = receiptNumber.ToString(CultureInfo.InvariantCulture),
                ["receipt.date"] = sale.At.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["receipt.time"] = sale.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                ["receipt.kind"] = Rows.Lower(sale.Kind),
                ["receipt.status"] = Rows.Lower(sale.Status),
                ["receipt.operator"] = sale.Operator,
                ["customer.number"] = sale.Customer.ToString(),
                ["customer.name"] = sale.CustomerName,
                ["customer.contact"] = receipt.Contact,
                ["customer.address"] = receipt.Address,
                ["customer.region"] = receipt.Region,
                ["customer.line"] = receipt.Line,
                ["customer.area"] = receipt.TransformerArea,
                ["customer.category"] = receipt.Category,
                ["account.id"] = sale.AccountId.ToString(CultureInfo.InvariantCulture),
                ["meter.number"] = sale.Meter.ToString(),
                ["card.serial"] = sale.CardSerial.ToString(),
                ["purchase.count"] = sale.PurchaseCount.ToString(),
                // A split sale was priced at each share's type: the types, in the split's order.
                ["price.type"] = shares is null ? receipt.PriceType ?? "" : string.Join(" / ", shares.Select(s => s.PriceType).Distinct(StringComparer.Ordinal)),
                ["credit"] = sale.Credit.ToString(),
                ["energy"] = sale.Energy.ToString(),
                ["money"] = sale.Money.ToString(),
                ["arrears"] = sale.ArrearsCollected.ToString(),
                ["paid"] = split.Gross.ToString(),
                ["net"] = split.Net.ToString(),
                ["tax"] = split.Tax.ToString(),
                ["template.kind"] = kind.Name(),
                ["template.version"] = template.Value.Version.ToString(CultureInfo.InvariantCulture),
            };
            var html = InvoiceRenderer.Render(parsed, values, split, sale.ArrearsCollected, label, shares);
            return new PrintedInvoice(receiptNumber, kind, template.Value.Version, label, split, html);
        });

    private static VendResult<InvoiceTemplateVersion> Version(System.Data.Common.DbConnection connection, InvoiceKind kind, int? version)
    {
        if (!Enum.IsDefined(kind))
        {
            return Refuse.Invalid($"kind {(int)kind} is neither receipt nor invoice");
        }

        if (version is null)
        {
            return Current(connection, null, kind);
        }

        if (version == 0)
        {
            return new InvoiceTemplateVersion(kind, 0, ShippedTemplates.Of(kind), null, null);
        }

        return connection.QueryFirstOrDefault<TemplateRow>("SELECT kind, version, body, created_at, created_by FROM invoice_templates WHERE kind = @kind AND version = @version",
            new { kind = kind.Name(), version }) is { } row
            ? row.ToModel()
            : Refuse.NotFound($"no {kind.Name()} template version {version}");
    }

    private static InvoiceTemplateVersion Current(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, InvoiceKind kind) =>
        connection.QueryFirstOrDefault<TemplateRow>(
            "SELECT kind, version, body, created_at, created_by FROM invoice_templates WHERE kind = @kind ORDER BY version DESC LIMIT 1", new { kind = kind.Name() }, transaction)
            ?.ToModel() ?? new InvoiceTemplateVersion(kind, 0, ShippedTemplates.Of(kind), null, null);

    /// <summary>"VAT 13%, fund 1%", or "none".</summary>
    private static string Taxes(string body) =>
        TemplateLanguage.Parse(body).Template?.Taxes is { Count: > 0 } taxes ? string.Join(", ", taxes.Select(t => $"{t.Name} {TaxLines.Percent(t.BasisPoints)}")) : "none";

    private sealed record TemplateRow
    {
        public string Kind { get; init; } = "";
        public long Version { get; init; }
        public string Body { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string CreatedBy { get; init; } = "";

        public InvoiceTemplateVersion ToModel() =>
            new(InvoiceKinds.Parse(Kind) ?? throw new InvalidOperationException($"Unknown template kind '{Kind}'."), checked((int)Version), Body, Rows.Time(CreatedAt), CreatedBy);
    }

    private sealed record SiteRow
    {
        public string StationNumber { get; init; } = "";
        public string StationName { get; init; } = "";
        public string ManagementUnit { get; init; } = "";
        public string RegistrationCode { get; init; } = "";
    }

    /// <summary>What an invoice says of a receipt's customer and price type, beside the sale (<see cref="SaleRow"/>) itself.</summary>
    private sealed record ReceiptExtras
    {
        public const string Select = """
            SELECT c.contact, c.address, c.region, c.line, c.transformer_area, c.category,
                   (SELECT t.name FROM price_versions v JOIN price_types t ON t.id = v.price_type_id WHERE v.id = s.price_version_id) AS price_type
            FROM sales s JOIN accounts a ON a.id = s.account_id JOIN customers c ON c.id = a.customer_id
            WHERE s.id = @Id
            """;

        public string Contact { get; init; } = "";
        public string Address { get; init; } = "";
        public string Region { get; init; } = "";
        public string Line { get; init; } = "";
        public string TransformerArea { get; init; } = "";
        public string Category { get; init; } = "";
        public string? PriceType { get; init; }
    }
}
