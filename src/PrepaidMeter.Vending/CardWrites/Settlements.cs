using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>
/// How each card-writing operation settles once its card is known: commit (the card holds the new
/// image) or discard (it holds the old one). Everything needed is in the pending row and its payload,
/// so the same code runs right after the write and in recovery after a crash.
/// </summary>
internal static class Settlements
{
    /// <summary>Applies the operation; for the sale kinds, the receipt as committed (so nobody reads it back).</summary>
    public static Receipt? Commit(WriteScope scope, CardWriteRow row)
    {
        var payload = row.Payload;
        switch (row.Operation)
        {
            case Operations.Sale:
                return CommitSale(scope, row, payload);
            case Operations.Correction:
                var corrected = Sale(scope, row.SaleId!.Value);
                scope.ExecuteCovered(AuditedTable.Sales, "UPDATE sales SET status = 'corrected' WHERE id = @id", new { id = corrected.ReplacesSaleId });
                var number = IssueReceipt(scope, corrected.Id, "sale correct", $"account {corrected.AccountId}",
                    receipt => $"receipt {receipt} replaces sale {corrected.ReplacesSaleId}: {Amounts(corrected)}");
                return (corrected with { ReceiptNo = number, Status = "committed" }).ToModel();
            case Operations.Cancel:
                var cancelled = Sale(scope, row.SaleId!.Value);
                scope.ExecuteCovered(AuditedTable.Sales, "UPDATE sales SET status = 'cancelled', settled_at = @at WHERE id = @Id", new { cancelled.Id, at = scope.Stamp });
                scope.ExecuteCovered(AuditedTable.Accounts,
                    "UPDATE accounts SET purchase_count = @count, arrears = arrears + @ArrearsCollected, version = version + 1 WHERE id = @AccountId",
                    new { count = cancelled.PurchaseCount - 1, cancelled.ArrearsCollected, cancelled.AccountId });
                // Partner payments the sale carried wait for the next visit again.
                scope.ExecuteCovered(AuditedTable.Payments, "UPDATE payments SET status = 'credited', applied_sale_id = NULL, applied_at = NULL WHERE applied_sale_id = @Id", new { cancelled.Id });
                scope.Log("sale cancel", $"account {cancelled.AccountId}", $"receipt {cancelled.ReceiptNo} cancelled: {Amounts(cancelled)} refunded");
                return (cancelled with { Status = "cancelled" }).ToModel();
            case Operations.Reissue:
                scope.ExecuteCovered(AuditedTable.Accounts, "UPDATE accounts SET card_serial = @NewSerial, version = version + 1 WHERE id = @AccountId", new { payload.NewSerial, row.AccountId });
                scope.ExecuteCovered(AuditedTable.Reissues,
                    "INSERT INTO reissues (account_id, old_serial, new_serial, purchase_count, reason, operator, at) VALUES (@AccountId, @OldSerial, @NewSerial, @PurchaseCount, @Reason, @op, @at)",
                    new { row.AccountId, payload.OldSerial, payload.NewSerial, payload.PurchaseCount, payload.Reason, op = scope.Operator, at = scope.Stamp });
                scope.Log("card reissue", $"account {row.AccountId}", $"card {payload.OldSerial} replaced by {payload.NewSerial} at purchase {payload.PurchaseCount}: {payload.Reason}");
                return null;
            case Operations.ToolCard or Operations.MeterChangeCard:
                scope.ExecuteCovered(AuditedTable.ToolCards,
                    "INSERT INTO tool_cards (kind, group_code, meter_number, card_serial, operator, at) VALUES (@ToolKind, @GroupCode, @MeterNumber, @CardSerial, @op, @at)",
                    new { payload.ToolKind, payload.GroupCode, payload.MeterNumber, row.CardSerial, op = scope.Operator, at = scope.Stamp });
                scope.Log("tool card", $"{payload.ToolKind} {row.CardSerial}", payload.Summary ?? "");
                return null;
            case Operations.Recycle:
                // A meter-change card wiped before it took any credit ends that change.
                scope.ExecuteCovered(AuditedTable.ToolCards, "UPDATE tool_cards SET closed_at = @at WHERE card_serial = @CardSerial AND closed_at IS NULL", new { row.CardSerial, at = scope.Stamp });
                scope.Log("card recycle", $"card {row.CardSerial}", payload.Summary ?? "");
                return null;
            default:
                throw new InvalidOperationException($"Card write {row.Id} has unknown operation '{row.Operation}'.");
        }
    }

    public static void Discard(WriteScope scope, CardWriteRow row)
    {
        if (row.Operation is Operations.Sale or Operations.Correction)
        {
            // The pending row is gone already (CardWriter.Settle deletes it first), so the sale it names can go.
            var sale = Sale(scope, row.SaleId!.Value);
            scope.ExecuteCovered(AuditedTable.Sales, "DELETE FROM sales WHERE id = @Id AND status = 'pending'", new { sale.Id });
            if (sale.Kind == "opening")
            {
                scope.ExecuteCovered(AuditedTable.Accounts, "DELETE FROM accounts WHERE id = @AccountId AND status = 'pending'", new { sale.AccountId });
            }
        }

        scope.Log("card write discarded", $"{row.Operation} {row.Id}", "the card holds its previous image; nothing was recorded");
    }

    private static Receipt CommitSale(WriteScope scope, CardWriteRow row, SettlePayload payload)
    {
        var sale = Sale(scope, row.SaleId!.Value);
        scope.ExecuteCovered(AuditedTable.Accounts,
            "UPDATE accounts SET purchase_count = @PurchaseCount, arrears = arrears - @ArrearsCollected, status = 'open', meter_id = @MeterId, version = version + 1 WHERE id = @AccountId",
            new { sale.PurchaseCount, sale.ArrearsCollected, sale.MeterId, sale.AccountId });
        if (payload.PaymentIds is { Count: > 0 } payments)
        {
            // Only payments still waiting: one applied meanwhile by another counter would have changed the account's purchase count first.
            foreach (var payment in payments)
            {
                scope.ExecuteCovered(AuditedTable.Payments, "UPDATE payments SET status = 'applied', applied_sale_id = @Id, applied_at = @at WHERE id = @payment AND status = 'credited'",
                    new { sale.Id, at = scope.Stamp, payment });
            }
        }

        if (sale.Kind == "opening")
        {
            var meter = MeterOf(scope, sale.MeterId);
            MeterService.SetStatus(scope, meter, "install", MeterStatus.Installed, $"account {sale.AccountId}");
        }
        else if (sale.Kind == "transfer")
        {
            var meter = MeterOf(scope, sale.MeterId);
            var old = scope.First<MeterRow>("SELECT * FROM meters WHERE id = @OldMeterId", new { payload.OldMeterId })!;
            MeterService.SetStatus(scope, old, "replace", MeterStatus.Removed, $"replaced by {meter.Number}, {payload.Transferred} transferred");
            MeterService.SetStatus(scope, meter, "install", MeterStatus.Installed, $"account {sale.AccountId}, replacing {old.Number}");
            scope.ExecuteCovered(AuditedTable.ToolCards, "UPDATE tool_cards SET closed_at = @at WHERE kind = 'meter-change' AND meter_number = @Number AND closed_at IS NULL", new { old.Number, at = scope.Stamp });
            scope.ExecuteCovered(AuditedTable.MeterChanges,
                "INSERT INTO meter_changes (account_id, old_meter_id, new_meter_id, transferred, preset, credited, operator, at) VALUES (@AccountId, @OldMeterId, @MeterId, @Transferred, @Preset, @Credit, @op, @at)",
                new { sale.AccountId, payload.OldMeterId, sale.MeterId, payload.Transferred, payload.Preset, sale.Credit, op = scope.Operator, at = scope.Stamp });
        }

        // The site row last: its lock (receipt counter and log head) is held to commit, so the less after it, the more counters sell at once.
        var number = IssueReceipt(scope, sale.Id, sale.Kind == "sale" ? "sale" : $"sale {sale.Kind}", $"account {sale.AccountId}",
            receipt => $"receipt {receipt}, purchase {sale.PurchaseCount}: {Amounts(sale)}");
        return (sale with { ReceiptNo = number, Status = "committed" }).ToModel();
    }

    /// <summary>
    /// Receipt numbers are taken at commit, so they are unique and gap-free: a discarded sale never had one.
    /// The log entry that records the sale is made with the number (one statement takes both).
    /// </summary>
    private static long IssueReceipt(WriteScope scope, long saleId, string action, string subject, Func<long, string> detail)
    {
        var number = scope.LogReceipt(action, subject, detail);
        scope.ExecuteCovered(AuditedTable.Sales, "UPDATE sales SET status = 'committed', receipt_no = @number, settled_at = @at WHERE id = @saleId", new { number, saleId, at = scope.Stamp });
        return number;
    }

    private static MeterRow MeterOf(WriteScope scope, long id) => scope.First<MeterRow>("SELECT * FROM meters WHERE id = @id", new { id })!;

    private static SaleRow Sale(WriteScope scope, long id) =>
        scope.First<SaleRow>(SaleRow.Select + " WHERE s.id = @id", new { id }) ?? throw new InvalidOperationException($"Sale {id} is gone.");

    private static string Amounts(SaleRow s) =>
        $"credit {new CreditAmount(Rows.Unit(s.CreditUnit), s.Credit)}, energy {Energy.FromHundredths(s.Energy)}, money {Money.FromHundredths(s.Money)}, arrears {Money.FromHundredths(s.ArrearsCollected)}";
}
