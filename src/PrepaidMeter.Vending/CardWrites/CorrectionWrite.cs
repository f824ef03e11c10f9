using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>A new amount for the account's last sale, its card not swiped yet: the new sale replaces the old one, same purchase count.</summary>
internal sealed record CorrectionWrite(string GroupCode) : PendingSaleWrite(GroupCode)
{
    internal override string Name => "correction";

    internal override SaleKind Kind => SaleKind.Correction;

    public override Receipt Commit(WriteScope scope, CardWriteRow row)
    {
        var corrected = Settlements.SaleOf(scope, row);
        scope.ExecuteCovered(AuditedTable.Sales, "UPDATE sales SET status = 'corrected' WHERE id = @id", new { id = corrected.ReplacesSaleId });
        var number = Settlements.IssueReceipt(scope, corrected.Id, "sale correct", $"account {corrected.AccountId}",
            receipt => $"receipt {receipt} replaces sale {corrected.ReplacesSaleId}: {Settlements.Amounts(corrected)}", withShares: corrected.Shares > 0);
        return Settlements.Committed(scope, corrected, number);
    }
}
