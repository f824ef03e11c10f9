using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>
/// A card write that carries a new sale (a sale of some kind, or a correction): the sale row is recorded pending
/// beside the card write, with the write's <see cref="Kind"/>, and goes again if the write is discarded.
/// </summary>
internal abstract record PendingSaleWrite(string GroupCode) : CardWriteOperation(GroupCode)
{
    /// <summary>The <c>kind</c> of the sale row it records.</summary>
    internal abstract SaleKind Kind { get; }

    internal override bool Selling => true;

    protected sealed override void Forget(WriteScope scope, CardWriteRow row)
    {
        // The pending row is gone already (CardWriter.Settle deletes it first), so the sale it names can go.
        var sale = Settlements.SaleOf(scope, row);
        if (sale.Shares > 0)
        {
            scope.ExecuteCovered(AuditedTable.SaleShares, "DELETE FROM sale_shares WHERE sale_id = @Id", new { sale.Id });
        }

        scope.ExecuteCovered(AuditedTable.Sales, "DELETE FROM sales WHERE id = @Id AND status = 'pending'", new { sale.Id });
        ForgetSale(scope, sale);
    }

    /// <summary>Undoes what came with the sale (an account opened with it); nothing, unless overridden.</summary>
    protected virtual void ForgetSale(WriteScope scope, SaleRow sale)
    {
    }
}
