using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Accounts;

/// <summary>
/// Account transfer (过户): the premises change hands. The meter, its remaining credit and the user card go on under a new
/// account of the new customer, which continues the old one's purchase count and card serial (the meter's anti-replay
/// counter and its binding live in the meter); the old account ends <c>transferred</c>, pointing at the new one, and keeps
/// its sales, its charges and its arrears.
/// </summary>
public sealed partial class AccountService
{
    /// <summary>Transfers the account of the user card in the reader to <paramref name="to"/>. The card is read, never written.</summary>
    public async Task<VendResult<AccountTransferRecord>> TransferAsync(
        OperatorSession session, ICardReader reader, TransferTo to, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(to);
        var read = await CardInspector.ReadAsync(_context, session, Permission.AccountTransfer, reader, cancellationToken);
        if (!read.Success)
        {
            return read.Refusal;
        }

        var card = read.Value.Card;
        return _context.Write<AccountTransferRecord>(read.Value.Grant, scope =>
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                return Refuse.Invalid("a transfer needs a reason (sold, let, inherited, ...)");
            }

            var matched = CardInspector.MatchAccount(scope, card);
            if (!matched.Success)
            {
                return matched.Refusal;
            }

            // The same tests a sale makes, and no payment waiting: the new account must start from a purchase the meter holds.
            if (CardInspector.GoesOnFromLastPurchase(scope, matched.Value, "transferring the account", "; the account is not transferred") is { } refusal)
            {
                return refusal;
            }

            var account = matched.Value.Account;
            var record = card.Record;

            // The price type in force goes with the meter (a change recorded ahead of its day leaves the account row on the type
            // before it); a change still to come goes with it too, below.
            var priceTypeId = scope.Scalar<long?>(
                "SELECT price_type_id FROM power_type_changes WHERE account_id = @Id AND effective_from <= @at ORDER BY effective_from DESC, id DESC LIMIT 1",
                new { account.Id, at = scope.Stamp }) ?? account.PriceTypeId;

            VendResult<Customer> target = to switch
            {
                TransferTo.Existing existing => Existing(scope, existing.Customer),
                TransferTo.NewCustomer created => CustomerService.Insert(scope, created.Details),
                _ => throw new ArgumentOutOfRangeException(nameof(to)),
            };
            if (!target.Success)
            {
                return target.Refusal;
            }

            var customer = target.Value;
            if (customer.Id == account.CustomerId)
            {
                return Refuse.Invalid($"account {account.Id} is customer {customer.Number}'s already; a transfer goes to another customer");
            }

            if (record.ReturnWrite is { } block)
            {
                CardInspector.RecordReading(scope, block, ReadingSource.ReturnWrite);
            }

            var toAccount = scope.InsertCovered(AuditedTable.Accounts,
                """
                INSERT INTO accounts (customer_id, meter_id, price_type_id, group_code, card_serial, purchase_count, arrears, status, opened_at, version, card_customer)
                VALUES (@customerId, @MeterId, @PriceTypeId, @GroupCode, @CardSerial, @PurchaseCount, 0, 'open', @at, 0, @CardCustomer)
                """,
                new { customerId = customer.Id, account.MeterId, PriceTypeId = priceTypeId, account.GroupCode, account.CardSerial, account.PurchaseCount, at = scope.Stamp, account.CardCustomer });
            scope.ExecuteCovered(AuditedTable.Accounts,
                "UPDATE accounts SET status = 'transferred', transferred_to = @toAccount, version = version + 1 WHERE id = @Id",
                new { toAccount, account.Id });
            foreach (var change in scope.Query<ScheduledChange>(
                         "SELECT from_price_type_id, price_type_id, effective_from, reason FROM power_type_changes WHERE account_id = @Id AND effective_from > @at ORDER BY id",
                         new { account.Id, at = scope.Stamp }).ToList())
            {
                // A power type change still to come is the premises', not the customer's: it goes on under the new account.
                scope.InsertCovered(AuditedTable.PowerTypeChanges,
                    """
                    INSERT INTO power_type_changes (account_id, from_price_type_id, price_type_id, effective_from, reason, operator, at)
                    VALUES (@toAccount, @FromPriceTypeId, @PriceTypeId, @EffectiveFrom, @reason, @op, @at)
                    """,
                    new { toAccount, change.FromPriceTypeId, change.PriceTypeId, change.EffectiveFrom, reason = $"{change.Reason} (carried by the transfer of account {account.Id})", op = scope.Operator, at = scope.Stamp });
            }
            var remaining = record.ReturnWrite is { } rw && rw.MeterNumber == record.MeterNumber ? rw.Remaining : (CreditAmount?)null;
            var group = card.Group!;
            var id = scope.InsertCovered(AuditedTable.AccountTransfers,
                """
                INSERT INTO account_transfers (from_account_id, to_account_id, meter_id, card_serial, purchase_count, arrears_kept, credit_unit, remaining, reason, operator, at)
                VALUES (@Id, @toAccount, @MeterId, @CardSerial, @PurchaseCount, @Arrears, @unit, @remaining, @reason, @op, @at)
                """,
                new
                {
                    account.Id, toAccount, account.MeterId, account.CardSerial, account.PurchaseCount, account.Arrears, unit = group.CreditUnit,
                    remaining = remaining?.Hundredths, reason, op = scope.Operator, at = scope.Stamp,
                });
            scope.Log("account transfer", $"account {account.Id}",
                $"to account {toAccount} of customer {customer.Number} ({reason}); meter {account.MeterNumber}, card {account.CardSerial}, purchase {account.PurchaseCount}; "
                + $"arrears kept {Money.FromHundredths(account.Arrears)}");
            return new AccountTransferRecord(id, account.Id, CustomerNumber.From(checked((ulong)account.CustomerNumber)), account.CustomerName, toAccount, customer.Number,
                customer.Details.Name, Rows.Meter(account.MeterNumber), CardSerial.From(checked((ulong)account.CardSerial)), PurchaseCount.From(checked((uint)account.PurchaseCount)),
                Money.FromHundredths(account.Arrears), remaining, reason, scope.Operator, scope.Now);
        });
    }

    private static VendResult<Customer> Existing(WriteScope scope, CustomerNumber number) =>
        scope.First<CustomerRow>("SELECT * FROM customers WHERE number = @number", new { number = checked((long)number.Value) }) is { } row
            ? row.ToModel()
            : Refuse.NotFound($"no customer {number}");

    private sealed record ScheduledChange
    {
        public long FromPriceTypeId { get; init; }
        public long PriceTypeId { get; init; }
        public string EffectiveFrom { get; init; } = "";
        public string Reason { get; init; } = "";
    }
}
