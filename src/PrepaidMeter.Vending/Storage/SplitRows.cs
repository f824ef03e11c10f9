using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Storage;

/// <summary>A row of <c>split_shares</c>, as pricing reads it.</summary>
internal sealed class SplitShareRow
{
    public int Position { get; init; }
    public long CustomerId { get; init; }
    public long PriceTypeId { get; init; }
    public int BasisPoints { get; init; }
}

/// <summary>A row of <c>split_shares</c> with its customer and price type, as a split is shown.</summary>
internal sealed class SplitShareView
{
    public long SplitId { get; init; }
    public int Position { get; init; }
    public long CustomerNumber { get; init; }
    public string CustomerName { get; init; } = "";
    public long PriceTypeId { get; init; }
    public string PriceType { get; init; } = "";
    public int BasisPoints { get; init; }

    public const string Select = """
        SELECT x.split_id, x.position, c.number AS customer_number, c.name AS customer_name, x.price_type_id, p.name AS price_type, x.basis_points
        FROM split_shares x JOIN customers c ON c.id = x.customer_id JOIN price_types p ON p.id = x.price_type_id
        """;

    public SplitShare ToModel() => new(Position, Core.CustomerNumber.From(checked((ulong)CustomerNumber)), CustomerName, PriceTypeId, PriceType, BasisPoints);
}

/// <summary>A row of <c>sale_shares</c> with its sharer and price type, and its sale's receipt, as receipts and the share query read it.</summary>
internal sealed class SaleShareView
{
    public long SaleId { get; init; }
    public long? ReceiptNo { get; init; }
    public string Kind { get; init; } = "";
    public string Status { get; init; } = "";
    public long AccountId { get; init; }
    public string MeterNumber { get; init; } = "";
    public long CustomerNumber { get; init; }
    public string CustomerName { get; init; } = "";
    public string PriceType { get; init; } = "";
    public int BasisPoints { get; init; }
    public long Energy { get; init; }
    public long Money { get; init; }
    public string CreatedAt { get; init; } = "";

    public const string Select = """
        SELECT x.sale_id, s.receipt_no, s.kind, s.status, s.account_id, m.number AS meter_number, c.number AS customer_number, c.name AS customer_name,
               p.name AS price_type, x.basis_points, x.energy, x.money, s.created_at
        FROM sale_shares x JOIN sales s ON s.id = x.sale_id JOIN meters m ON m.id = s.meter_id
        JOIN customers c ON c.id = x.customer_id JOIN price_types p ON p.id = x.price_type_id
        """;

    public ReceiptShare ToReceiptShare() =>
        new(Core.CustomerNumber.From(checked((ulong)CustomerNumber)), CustomerName, PriceType, BasisPoints, Core.Energy.FromHundredths(Energy), Core.Money.FromHundredths(Money));

    public SaleShareLine ToModel() => new(ReceiptNo, SaleId, Rows.Enum<SaleKind>(Kind), Rows.Enum<SaleStatus>(Status), AccountId, Rows.Meter(MeterNumber),
        Core.CustomerNumber.From(checked((ulong)CustomerNumber)), CustomerName, PriceType, SharePercent.Format(BasisPoints),
        Core.Energy.FromHundredths(Energy), Core.Money.FromHundredths(Money), Rows.Time(CreatedAt));

    /// <summary>The shares of sale <paramref name="saleId"/>, in the split's order; null when the sale has none.</summary>
    public static IReadOnlyList<ReceiptShare>? OfSale(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, long saleId)
    {
        var shares = Dapper.SqlMapper.Query<SaleShareView>(connection, Select + " WHERE x.sale_id = @saleId ORDER BY x.position", new { saleId }, transaction)
            .Select(s => s.ToReceiptShare()).ToList();
        return shares.Count == 0 ? null : shares;
    }
}
