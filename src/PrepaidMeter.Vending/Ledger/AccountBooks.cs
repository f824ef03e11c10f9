using System.Data;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Ledger;

/// <summary>
/// An account's transaction book (台账) built from the rows that moved its money and credit: its sales (and the reversals of
/// those corrected or cancelled), its arrears charges, its partner payments, its meter changes, its transfers and its closing.
/// </summary>
internal static class AccountBooks
{
    /// <summary>The book of a settled account (open, transferred or closed); null for none (or one still pending its first card write).</summary>
    public static AccountBook? Read(IDbConnection connection, long accountId)
    {
        var head = connection.QueryFirstOrDefault<Head>(
            """
            SELECT a.id, c.number AS customer, c.name, m.number AS meter, a.status, a.transferred_to
            FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id
            WHERE a.id = @accountId AND a.status <> 'pending'
            """, new { accountId });
        if (head is null)
        {
            return null;
        }

        var entries = new List<(DateTimeOffset At, int Order, long Seq, Entry Line)>();
        foreach (var sale in connection.Query<SaleLine>(
                     """
                     SELECT s.id, s.receipt_no, s.kind, s.status, s.purchase_count, s.credit_unit, s.credit, s.money, s.arrears_collected, s.operator, s.created_at,
                            s.settled_at, (SELECT MIN(r.created_at) FROM sales r WHERE r.replaces_sale_id = s.id) AS replaced_at,
                            (SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.applied_sale_id = s.id) AS partner_paid
                     FROM sales s WHERE s.account_id = @accountId AND s.status <> 'pending' ORDER BY s.id
                     """, new { accountId }))
        {
            var credit = new CreditAmount(Rows.Unit(sale.CreditUnit), sale.Credit);
            var receipt = sale.ReceiptNo is { } n ? $"receipt {n}" : $"sale {sale.Id}";
            if (sale.Kind == "transfer")
            {
                entries.Add((Rows.Time(sale.CreatedAt), 3, sale.Id, new(BookLineKind.MeterChange, receipt, $"meter change: credit moved onto purchase {sale.PurchaseCount}",
                    0, 0, 0, credit, sale.Operator)));
                continue;
            }

            if (sale.Kind == "refund")
            {
                // A closing's refund receipt: money out (negative), the arrears it set against the credit's value, the credit taken back.
                entries.Add((Rows.Time(sale.CreatedAt), 5, sale.Id, new(BookLineKind.Refund, receipt, $"refund of the meter's credit at closing, purchase {sale.PurchaseCount}",
                    sale.Money, 0, sale.ArrearsCollected, credit, sale.Operator)));
                continue;
            }

            var paid = sale.Money - sale.PartnerPaid;
            entries.Add((Rows.Time(sale.CreatedAt), 3, sale.Id, new(BookLineKind.Sale, receipt, $"{sale.Kind} purchase {sale.PurchaseCount}",
                paid, 0, sale.ArrearsCollected, credit, sale.Operator)));
            var negative = new CreditAmount(credit.Unit, -credit.Hundredths);
            if (sale.Status == "corrected")
            {
                entries.Add((Rows.Time(sale.ReplacedAt ?? sale.CreatedAt), 2, sale.Id, new(BookLineKind.Corrected, receipt, $"purchase {sale.PurchaseCount} corrected",
                    -paid, 0, -sale.ArrearsCollected, negative, sale.Operator)));
            }
            else if (sale.Status == "cancelled")
            {
                entries.Add((Rows.Time(sale.SettledAt ?? sale.CreatedAt), 2, sale.Id, new(BookLineKind.Cancelled, receipt, $"purchase {sale.PurchaseCount} cancelled",
                    -paid, 0, -sale.ArrearsCollected, negative, sale.Operator)));
            }
        }

        foreach (var charge in connection.Query<ChargeLine>("SELECT id, amount, reason, operator, at FROM account_charges WHERE account_id = @accountId", new { accountId }))
        {
            entries.Add((Rows.Time(charge.At), 0, charge.Id, new(BookLineKind.Charge, $"charge {charge.Id}", charge.Reason, 0, charge.Amount, 0, null, charge.Operator)));
        }

        foreach (var payment in connection.Query<PaymentLine>(
                     "SELECT p.id, pa.name AS partner, p.amount, p.reference, p.received_at FROM payments p JOIN partners pa ON pa.id = p.partner_id WHERE p.account_id = @accountId",
                     new { accountId }))
        {
            entries.Add((Rows.Time(payment.ReceivedAt), 1, payment.Id, new(BookLineKind.Payment, $"payment {payment.Id}", $"partner {payment.Partner}: {payment.Reference}",
                payment.Amount, 0, 0, null, payment.Partner)));
        }

        foreach (var transfer in connection.Query<TransferLine>(
                     """
                     SELECT t.id, t.from_account_id, fc.number AS from_customer, t.to_account_id, tc.number AS to_customer, t.purchase_count, t.arrears_kept, t.credit_unit,
                            t.remaining, t.reason, t.operator, t.at
                     FROM account_transfers t JOIN accounts fa ON fa.id = t.from_account_id JOIN customers fc ON fc.id = fa.customer_id
                          JOIN accounts ta ON ta.id = t.to_account_id JOIN customers tc ON tc.id = ta.customer_id
                     WHERE t.from_account_id = @accountId OR t.to_account_id = @accountId
                     """, new { accountId }))
        {
            var remaining = transfer.Remaining is { } r ? $", the meter last held {new CreditAmount(Rows.Unit(transfer.CreditUnit), r)}" : "";
            entries.Add(transfer.FromAccountId == accountId
                ? (Rows.Time(transfer.At), 4, transfer.Id, new(BookLineKind.TransferOut, $"transfer {transfer.Id}",
                    $"meter to account {transfer.ToAccountId} of customer {transfer.ToCustomer} at purchase {transfer.PurchaseCount} ({transfer.Reason}){remaining}; arrears kept {Money.FromHundredths(transfer.ArrearsKept)}",
                    0, 0, 0, null, transfer.Operator))
                : (Rows.Time(transfer.At), 4, transfer.Id, new(BookLineKind.TransferIn, $"transfer {transfer.Id}",
                    $"meter from account {transfer.FromAccountId} of customer {transfer.FromCustomer} at purchase {transfer.PurchaseCount} ({transfer.Reason}){remaining}",
                    0, 0, 0, null, transfer.Operator)));
        }

        foreach (var closing in connection.Query<ClosingLine>(
                     "SELECT id, credit_unit, remaining, credit_value, rule, arrears_set, refunded, operator, at FROM closings WHERE account_id = @accountId", new { accountId }))
        {
            var remaining = new CreditAmount(Rows.Unit(closing.CreditUnit), closing.Remaining);
            entries.Add((Rows.Time(closing.At), 6, closing.Id, new(BookLineKind.Closed, $"closing {closing.Id}",
                $"account closed ({closing.Rule}): the meter held {remaining} worth {Money.FromHundredths(closing.CreditValue)}; arrears set {Money.FromHundredths(closing.ArrearsSet)}, paid back {Money.FromHundredths(closing.Refunded)}",
                0, 0, 0, null, closing.Operator)));
        }

        var arrears = 0L;
        var lines = new List<BookLine>(entries.Count);
        foreach (var (at, _, _, line) in entries.OrderBy(e => e.At).ThenBy(e => e.Order).ThenBy(e => e.Seq))
        {
            arrears = checked(arrears + line.Charged - line.Collected);
            lines.Add(new BookLine(at, line.Kind, line.Reference, line.Detail, Money.FromHundredths(line.Paid), Money.FromHundredths(line.Charged),
                Money.FromHundredths(line.Collected), line.Credit, Money.FromHundredths(arrears), line.Operator));
        }

        return new AccountBook(head.Id, CustomerNumber.From(checked((ulong)head.Customer)), head.Name, Rows.Meter(head.Meter), Rows.Enum<AccountStatus>(head.Status),
            head.TransferredTo, lines);
    }

    private sealed record Entry(BookLineKind Kind, string Reference, string Detail, long Paid, long Charged, long Collected, CreditAmount? Credit, string Operator);

    private sealed record Head
    {
        public long Id { get; init; }
        public long Customer { get; init; }
        public string Name { get; init; } = "";
        public string Meter { get; init; } = "";
        public string Status { get; init; } = "";
        public long? TransferredTo { get; init; }
    }

    private sealed record SaleLine
    {
        public long Id { get; init; }
        public long? ReceiptNo { get; init; }
        public string Kind { get; init; } = "";
        public string Status { get; init; } = "";
        public long PurchaseCount { get; init; }
        public string CreditUnit { get; init; } = "";
        public long Credit { get; init; }
        public long Money { get; init; }
        public long ArrearsCollected { get; init; }
        public string Operator { get; init; } = "";
        public string CreatedAt { get; init; } = "";
        public string? SettledAt { get; init; }
        public string? ReplacedAt { get; init; }
        public long PartnerPaid { get; init; }
    }

    private sealed record ClosingLine
    {
        public long Id { get; init; }
        public string CreditUnit { get; init; } = "";
        public long Remaining { get; init; }
        public long CreditValue { get; init; }
        public string Rule { get; init; } = "";
        public long ArrearsSet { get; init; }
        public long Refunded { get; init; }
        public string Operator { get; init; } = "";
        public string At { get; init; } = "";
    }

    private sealed record ChargeLine
    {
        public long Id { get; init; }
        public long Amount { get; init; }
        public string Reason { get; init; } = "";
        public string Operator { get; init; } = "";
        public string At { get; init; } = "";
    }

    private sealed record PaymentLine
    {
        public long Id { get; init; }
        public string Partner { get; init; } = "";
        public long Amount { get; init; }
        public string Reference { get; init; } = "";
        public string ReceivedAt { get; init; } = "";
    }

    private sealed record TransferLine
    {
        public long Id { get; init; }
        public long FromAccountId { get; init; }
        public long FromCustomer { get; init; }
        public long ToAccountId { get; init; }
        public long ToCustomer { get; init; }
        public long PurchaseCount { get; init; }
        public long ArrearsKept { get; init; }
        public string CreditUnit { get; init; } = "";
        public long? Remaining { get; init; }
        public string Reason { get; init; } = "";
        public string Operator { get; init; } = "";
        public string At { get; init; } = "";
    }
}
