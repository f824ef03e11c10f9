using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>A tool card written on a blank card: recorded in <c>tool_cards</c> once it is on the card.</summary>
/// <param name="MeterNumber">The meter it is for, as the books write it (all zeros: any meter of the group).</param>
/// <param name="Summary">The log entry's detail, worded where the card was decided.</param>
internal abstract record IssuedToolCard(string GroupCode, string MeterNumber, string Summary) : CardWriteOperation(GroupCode)
{
    /// <summary>The <c>kind</c> the books give the card.</summary>
    internal abstract string ToolKind { get; }

    public sealed override Receipt? Commit(WriteScope scope, CardWriteRow row)
    {
        scope.ExecuteCovered(AuditedTable.ToolCards,
            "INSERT INTO tool_cards (kind, group_code, meter_number, card_serial, operator, at) VALUES (@ToolKind, @GroupCode, @MeterNumber, @CardSerial, @op, @at)",
            new { ToolKind, GroupCode, MeterNumber, row.CardSerial, op = scope.Operator, at = scope.Stamp });
        scope.Log("tool card", $"{ToolKind} {row.CardSerial}", Summary);
        return null;
    }
}
