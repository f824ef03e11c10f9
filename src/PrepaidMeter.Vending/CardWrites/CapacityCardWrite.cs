using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>
/// The set card of a capacity change (增容): once it is on the card, the account's new capacity is recorded with the
/// card that writes it, the card is a set card in <c>tool_cards</c>, and the meter file says so.
/// </summary>
/// <param name="Watts">The capacity the card writes as the meter's power limit.</param>
/// <param name="PreviousWatts">The account's capacity before (its group's power limit until its first change).</param>
internal sealed record CapacityCardWrite(string GroupCode, long AccountId, long MeterId, string MeterNumber, long PreviousWatts, long Watts, string Reason)
    : CardWriteOperation(GroupCode)
{
    internal override string Name => "capacity";

    public override Receipt? Commit(WriteScope scope, CardWriteRow row)
    {
        scope.ExecuteCovered(AuditedTable.ToolCards,
            "INSERT INTO tool_cards (kind, group_code, meter_number, card_serial, operator, at) VALUES ('set', @GroupCode, @MeterNumber, @CardSerial, @op, @at)",
            new { GroupCode, MeterNumber, row.CardSerial, op = scope.Operator, at = scope.Stamp });
        scope.ExecuteCovered(AuditedTable.CapacityChanges,
            """
            INSERT INTO capacity_changes (account_id, meter_id, previous_watts, watts, card_serial, reason, operator, at)
            VALUES (@AccountId, @MeterId, @PreviousWatts, @Watts, @CardSerial, @Reason, @op, @at)
            """,
            new { AccountId, MeterId, PreviousWatts, Watts, row.CardSerial, Reason, op = scope.Operator, at = scope.Stamp });
        scope.Execute("INSERT INTO meter_history (meter_id, at, event, detail, operator) VALUES (@MeterId, @at, 'capacity', @detail, @op)",
            new { MeterId, at = scope.Stamp, detail = $"{PreviousWatts} W -> {Watts} W, account {AccountId}, set card {row.CardSerial}", op = scope.Operator });
        scope.Log("capacity change", $"account {AccountId}", $"meter {MeterNumber}: {PreviousWatts} W -> {Watts} W by set card {row.CardSerial}: {Reason}");
        return null;
    }
}
