using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>A new card for an account (the old one lost or broken), repeating its last purchase under the same count.</summary>
/// <param name="NewSerial">The new card's serial (the pending row's card).</param>
/// <param name="OldSerial">The card it replaces.</param>
/// <param name="PurchaseCount">The account's purchase count, which the new card carries.</param>
/// <param name="Reason">Why, as the operator gave it.</param>
internal sealed record ReissueWrite(string GroupCode, long NewSerial, long OldSerial, long PurchaseCount, string Reason) : CardWriteOperation(GroupCode)
{
    internal override string Name => "reissue";

    public override Receipt? Commit(WriteScope scope, CardWriteRow row)
    {
        scope.ExecuteCovered(AuditedTable.Accounts, "UPDATE accounts SET card_serial = @NewSerial, version = version + 1 WHERE id = @AccountId", new { NewSerial, row.AccountId });
        scope.ExecuteCovered(AuditedTable.Reissues,
            "INSERT INTO reissues (account_id, old_serial, new_serial, purchase_count, reason, operator, at) VALUES (@AccountId, @OldSerial, @NewSerial, @PurchaseCount, @Reason, @op, @at)",
            new { row.AccountId, OldSerial, NewSerial, PurchaseCount, Reason, op = scope.Operator, at = scope.Stamp });
        scope.Log("card reissue", $"account {row.AccountId}", $"card {OldSerial} replaced by {NewSerial} at purchase {PurchaseCount}: {Reason}");
        return null;
    }
}
