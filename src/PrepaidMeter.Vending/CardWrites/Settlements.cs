using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>
/// What the settlements of the operations on a sale share (each operation's own rule is its
/// <see cref="CardWriteOperation"/>): the sale row, its receipt, and the amounts the log prints.
/// </summary>
internal static class Settlements
{
    /// <summary>
    /// Receipt numbers are taken at commit, so they are unique and gap-free: a discarded sale never had one.
    /// The log entry that records the sale is made with the number (one statement takes both).
    /// </summary>
    public static long IssueReceipt(WriteScope scope, long saleId, string action, string subject, Func<long, string> detail, bool withShares = false)
    {
        var number = scope.LogReceipt(action, subject, detail);
        scope.ExecuteCovered(AuditedTable.Sales, "UPDATE sales SET status = 'committed', receipt_no = @number, settled_at = @at WHERE id = @saleId", new { number, saleId, at = scope.Stamp });
        if (withShares)
        {
            // Its shares were written pending with it: the same entry covers them (an update that changes nothing names them).
            scope.ExecuteCovered(AuditedTable.SaleShares, "UPDATE sale_shares SET sale_id = sale_id WHERE sale_id = @saleId", new { saleId });
        }

        return number;
    }

    /// <summary>The receipt of a sale just committed under <paramref name="number"/>, with its shares when the account's energy is split.</summary>
    public static Receipt Committed(WriteScope scope, SaleRow sale, long number) => sale.ToModel() with
    {
        ReceiptNumber = number,
        Status = SaleStatus.Committed,
        Shares = sale.Shares > 0 ? SaleShareView.OfSale(scope.Connection, scope.Transaction, sale.Id) : null,
    };

    public static MeterRow MeterOf(WriteScope scope, long id) => scope.First<MeterRow>("SELECT * FROM meters WHERE id = @id", new { id })!;

    public static SaleRow Sale(WriteScope scope, long id) =>
        scope.First<SaleRow>(SaleRow.SelectSettling + " WHERE s.id = @id", new { id }) ?? throw new InvalidOperationException($"Sale {id} is gone.");

    /// <summary>The sale a sale, correction or cancel acts on: its pending row names it.</summary>
    public static SaleRow SaleOf(WriteScope scope, CardWriteRow row) =>
        Sale(scope, row.SaleId ?? throw new InvalidOperationException($"Card write {row.Id} ({row.Operation}) names no sale."));

    public static string Amounts(SaleRow s) =>
        $"credit {new CreditAmount(Rows.Unit(s.CreditUnit), s.Credit)}, energy {Energy.FromHundredths(s.Energy)}, money {Money.FromHundredths(s.Money)}, arrears {Money.FromHundredths(s.ArrearsCollected)}";
}
