using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>The account's last sale cancelled, its card not swiped yet: the card goes back to the purchase before, the money is refunded.</summary>
internal sealed record CancelWrite(string GroupCode) : CardWriteOperation(GroupCode)
{
    internal override string Name => "cancel";

    internal override bool Selling => true;

    public override Receipt Commit(WriteScope scope, CardWriteRow row)
    {
        var cancelled = Settlements.SaleOf(scope, row);
        scope.ExecuteCovered(AuditedTable.Sales, "UPDATE sales SET status = 'cancelled', settled_at = @at WHERE id = @Id", new { cancelled.Id, at = scope.Stamp });
        scope.ExecuteCovered(AuditedTable.Accounts,
            "UPDATE accounts SET purchase_count = @count, arrears = arrears + @ArrearsCollected, version = version + 1 WHERE id = @AccountId",
            new { count = cancelled.PurchaseCount - 1, cancelled.ArrearsCollected, cancelled.AccountId });
        // Partner payments the sale carried wait for the next visit again.
        scope.ExecuteCovered(AuditedTable.Payments, "UPDATE payments SET status = 'credited', applied_sale_id = NULL, applied_at = NULL WHERE applied_sale_id = @Id", new { cancelled.Id });
        scope.Log("sale cancel", $"account {cancelled.AccountId}", $"receipt {cancelled.ReceiptNo} cancelled: {Settlements.Amounts(cancelled)} refunded");
        return cancelled.ToModel() with { Status = SaleStatus.Cancelled, Shares = cancelled.Shares > 0 ? SaleShareView.OfSale(scope.Connection, scope.Transaction, cancelled.Id) : null };
    }
}
