using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>
/// The credit a meter-change card took from the old meter, written onto the user card for the new meter: it
/// completes the change — the old meter removed, the new one installed, the change card closed, the change recorded.
/// </summary>
/// <param name="OldMeterId">The meter replaced (the sale row names the new one).</param>
/// <param name="Transferred">What the change card took from the old meter, in hundredths of the group's credit unit.</param>
/// <param name="Preset">The group's preset then, which the new meter holds already and the transfer leaves out.</param>
internal sealed record TransferSaleWrite(string GroupCode, long OldMeterId, long Transferred, long Preset) : SaleOperation(GroupCode)
{
    internal override SaleKind Kind => SaleKind.Transfer;

    protected override void CommitKind(WriteScope scope, SaleRow sale)
    {
        var meter = Settlements.MeterOf(scope, sale.MeterId);
        var old = Settlements.MeterOf(scope, OldMeterId);
        MeterService.SetStatus(scope, old, "replace", MeterStatus.Removed, $"replaced by {meter.Number}, {Transferred} transferred");
        MeterService.SetStatus(scope, meter, "install", MeterStatus.Installed, $"account {sale.AccountId}, replacing {old.Number}");
        scope.ExecuteCovered(AuditedTable.ToolCards, "UPDATE tool_cards SET closed_at = @at WHERE kind = 'meter-change' AND meter_number = @Number AND closed_at IS NULL", new { old.Number, at = scope.Stamp });
        scope.ExecuteCovered(AuditedTable.MeterChanges,
            "INSERT INTO meter_changes (account_id, old_meter_id, new_meter_id, transferred, preset, credited, operator, at) VALUES (@AccountId, @OldMeterId, @MeterId, @Transferred, @Preset, @Credit, @op, @at)",
            new { sale.AccountId, OldMeterId, sale.MeterId, Transferred, Preset, sale.Credit, op = scope.Operator, at = scope.Stamp });
    }
}
