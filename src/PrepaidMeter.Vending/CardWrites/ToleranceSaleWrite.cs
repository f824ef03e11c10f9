using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>
/// An error-tolerance sale (容错售电): a sale onto a card that does not show its last purchase loaded, made by an
/// administrator on the evidence of a meter reading, or unverified, with a reason. It commits as a sale; its
/// <c>tolerance_uses</c> row keeps the evidence and the reason.
/// </summary>
/// <param name="Evidence">"check-card", "link" or "unverified".</param>
/// <param name="ReadingSource">The reading relied on, as the books name its source; null when unverified.</param>
/// <param name="ReadingLoaded">The purchase count that reading showed loaded; null when unverified.</param>
/// <param name="ReadingTime">The meter's time of that reading; null when unverified.</param>
/// <param name="Finding">What the card showed, as the operator was told.</param>
/// <param name="Reason">Why, as the administrator gave it.</param>
internal sealed record ToleranceSaleWrite(
    string GroupCode, string Evidence, string? ReadingSource, long? ReadingLoaded, string? ReadingTime, string Finding, string Reason) : SaleOperation(GroupCode)
{
    internal override SaleKind Kind => SaleKind.Sale;

    protected override void CommitKind(WriteScope scope, SaleRow sale)
    {
        scope.InsertCovered(AuditedTable.ToleranceUses,
            """
            INSERT INTO tolerance_uses (kind, account_id, sale_id, card_serial, purchase_count, evidence, reading_source, reading_loaded, reading_time, finding, reason, operator, at)
            VALUES ('sale', @AccountId, @Id, @CardSerial, @PurchaseCount, @Evidence, @ReadingSource, @ReadingLoaded, @ReadingTime, @Finding, @Reason, @op, @at)
            """,
            new { sale.AccountId, sale.Id, sale.CardSerial, sale.PurchaseCount, Evidence, ReadingSource, ReadingLoaded, ReadingTime, Finding, Reason, op = scope.Operator, at = scope.Stamp });
        scope.Log("error-tolerance sale", $"account {sale.AccountId}", $"sale {sale.Id}, purchase {sale.PurchaseCount}, evidence {Evidence}: {Finding}; reason: {Reason}");
    }
}
