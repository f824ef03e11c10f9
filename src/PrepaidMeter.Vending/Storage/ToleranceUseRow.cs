using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Storage;

/// <summary>A row of <c>tolerance_uses</c> with its account's customer and meter and its sale's receipt, as queries read it.</summary>
internal sealed class ToleranceUseRow
{
    public long Id { get; init; }
    public string Kind { get; init; } = "";
    public long AccountId { get; init; }
    public long CustomerNumber { get; init; }
    public string MeterNumber { get; init; } = "";
    public long? SaleId { get; init; }
    public long? ReceiptNo { get; init; }
    public string? CreditUnit { get; init; }
    public long? Credit { get; init; }
    public long CardSerial { get; init; }
    public long PurchaseCount { get; init; }
    public string Evidence { get; init; } = "";
    public string? ReadingSource { get; init; }
    public long? ReadingLoaded { get; init; }
    public string? ReadingTime { get; init; }
    public string Finding { get; init; } = "";
    public string Reason { get; init; } = "";
    public string Operator { get; init; } = "";
    public string At { get; init; } = "";

    /// <summary>The uses with what the queries filter on: <c>c</c> the customer, <c>m</c> the account's meter.</summary>
    public const string Select = """
        SELECT t.id, t.kind, t.account_id, c.number AS customer_number, m.number AS meter_number, t.sale_id, s.receipt_no, s.credit_unit, s.credit,
               t.card_serial, t.purchase_count, t.evidence, t.reading_source, t.reading_loaded, t.reading_time, t.finding, t.reason, t.operator, t.at
        FROM tolerance_uses t JOIN accounts a ON a.id = t.account_id JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id
             LEFT JOIN sales s ON s.id = t.sale_id
        """;

    public ToleranceUse ToModel() => new(
        Id, Kind, AccountId, Core.CustomerNumber.From(checked((ulong)CustomerNumber)), Rows.Meter(MeterNumber), SaleId, ReceiptNo,
        CreditUnit is { } unit && Credit is { } credit ? new CreditAmount(Rows.Unit(unit), credit) : null,
        Core.CardSerial.From(checked((ulong)CardSerial)), Core.PurchaseCount.From(checked((uint)PurchaseCount)), Evidence, ReadingSource,
        ReadingLoaded is { } loaded ? Core.PurchaseCount.From(checked((uint)loaded)) : null, ReadingTime is { } time ? Rows.Time(time) : null,
        Finding, Reason, Operator, Rows.Time(At));
}
