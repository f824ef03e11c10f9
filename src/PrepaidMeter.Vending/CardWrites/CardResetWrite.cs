using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>
/// A reset for selling (重置售电): the account's own card, unreadable or not matching the books, written again from the
/// books — same serial, the account's purchase count, the last sale's amount, no return-write — with no new money.
/// </summary>
/// <param name="PurchaseCount">The account's purchase count, which the card carries again.</param>
/// <param name="SaleId">The sale at that count the card repeats (null when the count has none: a meter-change transfer has one, an account at 0 none).</param>
/// <param name="Evidence">"unreadable" (the card did not decode) or "mismatch" (it decoded and disagreed with the books).</param>
/// <param name="Finding">What was wrong with the card, as the operator was told.</param>
/// <param name="Reason">Why, as the administrator gave it.</param>
internal sealed record CardResetWrite(string GroupCode, long PurchaseCount, long? SaleId, string Evidence, string Finding, string Reason) : CardWriteOperation(GroupCode)
{
    internal override string Name => "card reset";

    public override Receipt? Commit(WriteScope scope, CardWriteRow row)
    {
        scope.InsertCovered(AuditedTable.ToleranceUses,
            """
            INSERT INTO tolerance_uses (kind, account_id, sale_id, card_serial, purchase_count, evidence, finding, reason, operator, at)
            VALUES ('reset', @AccountId, @SaleId, @CardSerial, @PurchaseCount, @Evidence, @Finding, @Reason, @op, @at)
            """,
            new { row.AccountId, SaleId, row.CardSerial, PurchaseCount, Evidence, Finding, Reason, op = scope.Operator, at = scope.Stamp });
        scope.Log("card reset", $"account {row.AccountId}", $"card {row.CardSerial} written again at purchase {PurchaseCount} ({Evidence}: {Finding}); reason: {Reason}");
        return null;
    }
}
