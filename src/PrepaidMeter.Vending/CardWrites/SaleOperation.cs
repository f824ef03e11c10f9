using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>
/// The operation "sale", of one of its kinds (<see cref="PlainSaleWrite"/>, <see cref="OpeningSaleWrite"/>,
/// <see cref="TransferSaleWrite"/>): commits the sale onto its account, then what its kind adds, then the receipt.
/// </summary>
internal abstract record SaleOperation(string GroupCode) : PendingSaleWrite(GroupCode)
{
    internal sealed override string Name => "sale";

    public sealed override Receipt Commit(WriteScope scope, CardWriteRow row)
    {
        var sale = Settlements.SaleOf(scope, row);
        scope.ExecuteCovered(AuditedTable.Accounts,
            "UPDATE accounts SET purchase_count = @PurchaseCount, arrears = arrears - @ArrearsCollected, status = 'open', meter_id = @MeterId, version = version + 1 WHERE id = @AccountId",
            new { sale.PurchaseCount, sale.ArrearsCollected, sale.MeterId, sale.AccountId });
        CommitKind(scope, sale);

        // The site row last: its lock (receipt counter and log head) is held to commit, so the less after it, the more counters sell at once.
        var number = Settlements.IssueReceipt(scope, sale.Id, Kind == SaleKind.Sale ? "sale" : $"sale {Rows.Lower(Kind)}", $"account {sale.AccountId}",
            receipt => $"receipt {receipt}, purchase {sale.PurchaseCount}: {Settlements.Amounts(sale)}", withShares: sale.Shares > 0);
        return Settlements.Committed(scope, sale, number);
    }

    /// <summary>What the sale's kind adds to the books once the account holds the sale.</summary>
    protected abstract void CommitKind(WriteScope scope, SaleRow sale);
}
