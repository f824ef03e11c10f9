using System.Globalization;
using Dapper;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Pricing;
using PrepaidMeter.Vending.Sales;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Accounts;

/// <summary>
/// Accounts (开户): a customer, a meter from stock and a price type, opened by issuing a user card
/// that carries the first purchase. Fees owed (arrears) are added here and collected by the next sale.
/// </summary>
public sealed partial class AccountService
{
    private readonly VendingContext _context;
    private readonly CardWriter _cards;

    internal AccountService(VendingContext context, CardWriter cards)
    {
        _context = context;
        _cards = cards;
    }

    /// <summary>Opens the account and writes its user card (the blank card in the reader) with the first purchase.</summary>
    public async Task<VendResult<Receipt>> OpenAsync(
        OperatorSession session, ICardReader reader, CustomerNumber customer, MeterNumber meter, long priceTypeId, PurchaseRequest firstPurchase,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var blank = await CardInspector.ReadBlankAsync(_context, session, Permission.Accounts, reader, "opening an account needs a blank card (recycle it first)", cancellationToken);
        if (!blank.Success)
        {
            return blank.Refusal;
        }

        var grant = blank.Value.Grant;
        var written = await _cards.RunAsync(grant, reader, scope =>
        {
            var checkedOpening = AccountOpening.Check(scope, customer, meter, priceTypeId, (group, medium) => medium == SupplyMedium.Token
                ? Refuse.Conflict($"supply group {group.Code} sells keypad tokens only: open the account with 'vend token open'")
                : null);
            if (!checkedOpening.Success)
            {
                return checkedOpening.Refusal;
            }

            var (customerRow, meterRow, group) = checkedOpening.Value;
            var cardSerial = CardImages.NextSerial(scope);
            var accountId = scope.Scalar<long>(
                """
                INSERT INTO accounts (customer_id, meter_id, price_type_id, group_code, card_serial, purchase_count, arrears, status, opened_at, version)
                VALUES (@customerId, @meterId, @priceTypeId, @group, @serial, 0, 0, 'pending', @at, 0) RETURNING id
                """,
                new { customerId = customerRow.Id, meterId = meterRow.Id, priceTypeId, group = group.Code, serial = (long)cardSerial.Value, at = scope.Stamp });
            var account = scope.First<AccountRow>(AccountRow.Select + " WHERE a.id = @accountId", new { accountId })!;
            var priced = SalePricing.Price(scope, group, account, firstPurchase, Money.Zero);
            if (!priced.Success)
            {
                return priced.Refusal;
            }

            if (SaleRecords.OverLimit(group, priced.Value.Credit, 0) is { } overLimit)
            {
                return overLimit;
            }

            var record = new CardRecord
            {
                Kind = CardKind.User,
                Layout = group.Layout,
                CreditUnit = group.Unit,
                SupplyGroup = Rows.Group(group.Code),
                MeterNumber = meter,
                CustomerNumber = customer,
                CardSerial = cardSerial,
            };
            var draft = new SaleRecords.SaleDraft(new OpeningSaleWrite(group.Code), accountId, meterRow.Id, PurchaseCount.From(1), cardSerial, priced.Value, null);
            return SaleRecords.Pending(scope, group, blank.Value.Card.Image, record, draft);
        }, cancellationToken);
        return CardWriter.ReceiptOf(written);
    }

    /// <summary>Adds a fee the customer owes (a meter fee, a penalty); the next sale collects it first.</summary>
    public VendResult<Account> ChargeArrears(OperatorSession session, long accountId, Money amount, string reason) =>
        _context.Write<Account>(session, Permission.Accounts, scope =>
        {
            if (amount.Hundredths <= 0)
            {
                return Refuse.Invalid($"a charge must be more than zero, not {amount}");
            }

            if (string.IsNullOrWhiteSpace(reason))
            {
                return Refuse.Invalid("a charge needs a reason");
            }

            if (Find(scope.Connection, scope.Transaction, accountId) is null)
            {
                return Refuse.NotFound($"no open account {accountId}");
            }

            scope.ExecuteCovered(AuditedTable.Accounts, "UPDATE accounts SET arrears = arrears + @amount, version = version + 1 WHERE id = @accountId", new { accountId, amount = amount.Hundredths });
            scope.ExecuteCovered(AuditedTable.AccountCharges, "INSERT INTO account_charges (account_id, amount, reason, operator, at) VALUES (@accountId, @amount, @reason, @op, @at)",
                new { accountId, amount = amount.Hundredths, reason, op = scope.Operator, at = scope.Stamp });
            scope.Log("arrears charge", $"account {accountId}", $"{amount}: {reason}");
            return Find(scope.Connection, scope.Transaction, accountId)!.ToModel();
        });

    public VendResult<IReadOnlyList<Account>> List(OperatorSession session, CustomerNumber? customer = null) =>
        _context.Read<IReadOnlyList<Account>>(session, Permission.Queries, connection =>
            connection.Query<AccountRow>(AccountRow.Select + " WHERE a.status = 'open' AND (@number IS NULL OR c.number = @number) ORDER BY a.id",
                new { number = customer is { } c ? (long?)checked((long)c.Value) : null }).Select(a => a.ToModel()).ToList());

    /// <summary>
    /// The open accounts a clerk's search at the counter finds, at most 100: by account id, meter number or customer number
    /// exactly (the text as a number of each kind it parses as), or by the customer's name, address or contact holding the
    /// text (case-insensitive, as the customers' search).
    /// </summary>
    public VendResult<IReadOnlyList<Account>> Search(OperatorSession session, string text)
    {
        var typed = (text ?? "").Trim();
        if (typed.Length == 0)
        {
            return Refuse.Invalid("type an account id, a meter or customer number, or part of a customer's name, address or contact");
        }

        long? id = long.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
        var meter = MeterNumber.Parse(typed).TryGetValue(out var m) ? Rows.Meter(m) : null;
        var pattern = Rows.Holding(typed);
        return _context.Read<IReadOnlyList<Account>>(session, Permission.Queries, connection =>
            connection.Query<AccountRow>(
                AccountRow.Select + """
                 WHERE a.status = 'open' AND (a.id = @id OR c.number = @id OR m.number = @meter
                   OR UPPER(c.name) LIKE @pattern ESCAPE '\' OR UPPER(c.address) LIKE @pattern ESCAPE '\' OR UPPER(c.contact) LIKE @pattern ESCAPE '\')
                 ORDER BY a.id LIMIT 100
                """,
                new { id, meter, pattern }).Select(a => a.ToModel()).ToList());
    }

    public VendResult<Account> Get(OperatorSession session, long accountId) =>
        _context.Read<Account>(session, Permission.Queries, connection =>
            Find(connection, null, accountId) is { } row ? row.ToModel() : Refuse.NotFound($"no open account {accountId}"));

    internal static AccountRow? Find(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, long accountId) =>
        connection.QueryFirstOrDefault<AccountRow>(AccountRow.Select + " WHERE a.id = @accountId AND a.status = 'open'", new { accountId }, transaction);
}
