using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>
/// Closing an account (销户): its user card wiped to blank. Once the card is blank the account is closed, its meter is back
/// in stock, the closing is recorded with the reading it took the meter's credit from and, under the refund rule with
/// something to pay back, a refund receipt (a sales row of kind refund: money the negative of what was paid out).
/// All amounts were decided when the write was recorded (docs/vending.md, "Closing an account").
/// </summary>
/// <param name="CreditUnit">The credit unit of <paramref name="Remaining"/>, as the books write it.</param>
/// <param name="Remaining">The meter's remaining credit by the reading (hundredths; below zero: overdraft in use).</param>
/// <param name="CreditValue">What that credit cost (hundredths of money), last in first out over the account's paid purchases.</param>
/// <param name="Rule">"refund" or "keep".</param>
/// <param name="ArrearsSet">Arrears set against the value (refund rule only).</param>
/// <param name="Energy">The kWh the refund takes back (hundredths; 0 for a money or volume group): the refund row's energy, negated.</param>
internal sealed record CloseAccountWrite(
    string GroupCode, long AccountId, long MeterId, string MeterNumber, long PurchaseCount, long ReadingId, string CreditUnit, long Remaining, long CreditValue,
    string Rule, long ArrearsSet, long Energy) : CardWriteOperation(GroupCode)
{
    internal override string Name => "close";

    /// <summary>Money paid back: the value less the arrears set against it; nothing when the site keeps the credit.</summary>
    internal long Refunded => Rule == "refund" ? CreditValue - ArrearsSet : 0;

    public override Receipt? Commit(WriteScope scope, CardWriteRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        Record(scope, row.CardSerial);
        return null;
    }

    /// <summary>
    /// Records the closing: the account closed, its meter back in stock, the closings row (with <paramref name="cardSerial"/>,
    /// 0 for a token account, which has no card) and, under the refund rule with something to pay back, the refund receipt.
    /// A card closing records it once the blank card verifies; a token closing (no card) at once.
    /// </summary>
    internal void Record(WriteScope scope, long cardSerial)
    {
        scope.ExecuteCovered(AuditedTable.Accounts,
            "UPDATE accounts SET status = 'closed', arrears = arrears - @ArrearsSet, version = version + 1 WHERE id = @AccountId", new { AccountId, ArrearsSet });
        scope.ExecuteCovered(AuditedTable.Meters, "UPDATE meters SET status = 'stock' WHERE id = @MeterId", new { MeterId });
        scope.Execute("INSERT INTO meter_history (meter_id, at, event, detail, operator) VALUES (@MeterId, @at, 'close', @detail, @op)",
            new { MeterId, at = scope.Stamp, detail = $"account {AccountId} closed; back to stock holding {Remaining} hundredths of credit (clear it before installing it again)", op = scope.Operator });
        long? saleId = null;
        if (Rule == "refund" && CreditValue > 0)
        {
            saleId = scope.Scalar<long>(
                """
                INSERT INTO sales (account_id, meter_id, kind, status, purchase_count, card_serial, credit_unit, credit, energy, money, arrears_collected, operator, created_at)
                VALUES (@AccountId, @MeterId, 'refund', 'pending', @PurchaseCount, @CardSerial, @CreditUnit, @credit, @energy, @money, @ArrearsSet, @op, @at) RETURNING id
                """,
                new { AccountId, MeterId, PurchaseCount, CardSerial = cardSerial, CreditUnit, credit = -Math.Max(0, Remaining), energy = -Energy, money = -Refunded, ArrearsSet, op = scope.Operator, at = scope.Stamp });
        }

        scope.ExecuteCovered(AuditedTable.Closings,
            """
            INSERT INTO closings (account_id, meter_id, reading_id, credit_unit, remaining, credit_value, rule, arrears_set, refunded, sale_id, card_serial, operator, at)
            VALUES (@AccountId, @MeterId, @ReadingId, @CreditUnit, @Remaining, @CreditValue, @Rule, @ArrearsSet, @refunded, @saleId, @CardSerial, @op, @at)
            """,
            new { AccountId, MeterId, ReadingId, CreditUnit, Remaining, CreditValue, Rule, ArrearsSet, refunded = Refunded, saleId, CardSerial = cardSerial, op = scope.Operator, at = scope.Stamp });
        var detail = $"meter {MeterNumber} back to stock; remaining {Remaining} hundredths {CreditUnit} worth {Core.Money.FromHundredths(CreditValue)}, {Rule}: arrears set {Core.Money.FromHundredths(ArrearsSet)}, paid back {Core.Money.FromHundredths(Refunded)}";
        if (saleId is { } refund)
        {
            // The site row last, as a sale's settlement takes it: the refund's receipt number with the entry that records it.
            Settlements.IssueReceipt(scope, refund, "account close", $"account {AccountId}", receipt => $"refund receipt {receipt}; {detail}");
        }
        else
        {
            scope.Log("account close", $"account {AccountId}", detail);
        }
    }
}
