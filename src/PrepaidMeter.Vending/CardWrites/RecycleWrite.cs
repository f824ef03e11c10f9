using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>A tool card or a replaced user card wiped back to blank.</summary>
/// <param name="Summary">The log entry's detail, worded from the card before it was wiped.</param>
internal sealed record RecycleWrite(string GroupCode, string Summary) : CardWriteOperation(GroupCode)
{
    internal override string Name => "recycle";

    public override Receipt? Commit(WriteScope scope, CardWriteRow row)
    {
        // A meter-change card wiped before it took any credit ends that change.
        scope.ExecuteCovered(AuditedTable.ToolCards, "UPDATE tool_cards SET closed_at = @at WHERE card_serial = @CardSerial AND closed_at IS NULL", new { row.CardSerial, at = scope.Stamp });
        scope.Log("card recycle", $"card {row.CardSerial}", Summary);
        return null;
    }
}
