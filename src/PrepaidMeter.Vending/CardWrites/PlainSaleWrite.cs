using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>A sale at the counter, onto the account's card.</summary>
/// <param name="PaymentIds">Partner payments the sale writes onto the card (none when it collects none); marked applied when it commits.</param>
internal sealed record PlainSaleWrite(string GroupCode, IReadOnlyList<long> PaymentIds) : SaleOperation(GroupCode)
{
    internal override SaleKind Kind => SaleKind.Sale;

    // Equal by the payments it names, not by which list holds them (a record compares a list by reference).
    public bool Equals(PlainSaleWrite? other) => base.Equals(other) && PaymentIds.SequenceEqual(other.PaymentIds);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), PaymentIds.Count);

    protected override void CommitKind(WriteScope scope, SaleRow sale)
    {
        // Only payments still waiting: one applied meanwhile by another counter would have changed the account's purchase count first.
        foreach (var payment in PaymentIds)
        {
            scope.ExecuteCovered(AuditedTable.Payments, "UPDATE payments SET status = 'applied', applied_sale_id = @Id, applied_at = @at WHERE id = @payment AND status = 'credited'",
                new { sale.Id, at = scope.Stamp, payment });
        }
    }
}
