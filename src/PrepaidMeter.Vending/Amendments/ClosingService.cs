using Dapper;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Amendments;

/// <summary>
/// Closing an account (销户, PPMS "cancel meter"): with the account's user card in the reader, its last purchase loaded, and a
/// check-card or link reading of its meter taken after that load, the card is recycled, the meter goes back to stock and the
/// meter's remaining credit is refunded or kept as the site's rule says. Administrators only. Rules C1–C9 in docs/vending.md,
/// "Closing an account".
/// </summary>
public sealed class ClosingService
{
    private readonly VendingContext _context;
    private readonly CardWriter _cards;

    internal ClosingService(VendingContext context, CardWriter cards)
    {
        _context = context;
        _cards = cards;
    }

    /// <summary>The site's rule for a closed meter's credit (refund until an administrator says otherwise).</summary>
    public VendResult<ClosingRule> Rule(OperatorSession session) =>
        _context.Read<ClosingRule>(session, Permission.Queries, connection => RuleOf(connection.ExecuteScalar<string?>("SELECT closing_credit FROM site WHERE id = 1")));

    /// <summary>Sets the site's rule (an administrator's: the function <c>site</c>), logged and covered with the site row.</summary>
    public VendResult<ClosingRule> SetRule(OperatorSession session, ClosingRule rule) =>
        _context.Write<ClosingRule>(session, Permission.SiteManagement, scope =>
        {
            var before = RuleOf(scope.Scalar<string?>("SELECT closing_credit FROM site WHERE id = 1"));
            scope.ExecuteCovered(AuditedTable.Site, "UPDATE site SET closing_credit = @rule WHERE id = 1", new { rule = Rows.Lower(rule) });
            scope.Log("closing rule", "site", $"a closed meter's credit: {Rows.Lower(before)} -> {Rows.Lower(rule)}");
            return rule;
        });

    /// <summary>Closes the account whose user card is in <paramref name="reader"/>; the card is wiped to blank.</summary>
    public async Task<VendResult<Closing>> CloseAsync(OperatorSession session, ICardReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var read = await CardInspector.ReadAsync(_context, session, Permission.AccountClosing, reader, cancellationToken);
        if (!read.Success)
        {
            return read.Refusal;
        }

        long? accountId = null;
        var written = await _cards.RunAsync(read.Value.Grant, reader, scope =>
        {
            var matched = CardInspector.MatchAccount(scope, read.Value.Card);
            if (!matched.Success)
            {
                return matched.Refusal;
            }

            var (card, account, _) = matched.Value;
            accountId = account.Id;
            if (CardInspector.GoesOnFromLastPurchase(scope, matched.Value, "closing the account (on its new meter, once a change is complete)",
                    ": the meter's credit must hold every purchase before it is read") is { } refusal)
            {
                return refusal;
            }

            // Recorded since the account's last purchase settled (or since the transfer or opening that gave it the meter): a
            // reading of the same meter under an earlier account, at the same purchase count, is not this account's.
            var since = scope.Scalar<string?>(
                """
                SELECT COALESCE(
                    (SELECT MAX(settled_at) FROM sales WHERE account_id = @Id AND purchase_count = @PurchaseCount AND status = 'committed'),
                    (SELECT MAX(at) FROM account_transfers WHERE to_account_id = @Id),
                    (SELECT opened_at FROM accounts WHERE id = @Id))
                """, new { account.Id, account.PurchaseCount });
            var reading = scope.First<ReadingRow>(
                """
                SELECT id, source, remaining, credit_unit, meter_time FROM readings
                WHERE meter_id = @MeterId AND source IN ('checkcard', 'link') AND loaded_count = @PurchaseCount AND recorded_at >= @since
                ORDER BY meter_time DESC, id DESC LIMIT 1
                """, new { account.MeterId, account.PurchaseCount, since });
            if (reading is null)
            {
                return Refuse.Conflict($"no reading of meter {account.MeterNumber} since it loaded purchase {account.PurchaseCount}: read it with a check card "
                    + "('vend card tool check', then 'vend card reading') or over its link, then close the account");
            }

            var operation = Decide(scope, account, reading.Id, reading.Remaining, reading.CreditUnit);
            return new PendingWrite(account.Id, null, card.Record.CardSerial, card.Image, card.Layout!.NewImage(), operation, card.Group!);
        }, cancellationToken);
        if (!written.Success)
        {
            return written.Refusal;
        }

        using var connection = _context.Database.Open();
        return Read(connection, accountId!.Value);
    }

    /// <summary>
    /// The closing of <paramref name="account"/> on the reading that counts (<paramref name="remaining"/> hundredths of
    /// <paramref name="creditUnit"/>): its value (C4), what the site's rule sets against the arrears and pays back (C5).
    /// </summary>
    internal static CloseAccountWrite Decide(WriteScope scope, AccountRow account, long readingId, long remaining, string creditUnit)
    {
        var group = SupplyGroupService.Find(scope.Connection, scope.Transaction, Rows.Group(account.GroupCode))!;
        var rule = RuleOf(scope.Scalar<string?>("SELECT closing_credit FROM site WHERE id = 1"));
        var value = ValueOf(scope, account.Id, Math.Max(0, remaining));
        var arrearsSet = rule == ClosingRule.Refund ? Math.Min(account.Arrears, value) : 0;
        var energy = group.Unit == CreditUnit.Energy ? Math.Max(0, remaining) : 0;
        return new CloseAccountWrite(group.Code, account.Id, account.MeterId, account.MeterNumber, account.PurchaseCount, readingId, creditUnit,
            remaining, value, Rows.Lower(rule), arrearsSet, energy);
    }

    /// <summary>The closing of account <paramref name="accountId"/>, which has one.</summary>
    internal static Closing Read(System.Data.Common.DbConnection connection, long accountId) =>
        connection.QueryFirst<ClosingRow>(ClosingRow.Select + " WHERE k.account_id = @accountId", new { accountId }).ToModel();

    /// <summary>The closings the filter selects (closed from <c>From</c> to before <c>To</c>, UTC), oldest first.</summary>
    public VendResult<IReadOnlyList<Closing>> List(OperatorSession session, QueryFilter filter) =>
        _context.ForReports.Read<IReadOnlyList<Closing>>(session, Permission.Queries, connection =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            return connection.Query<ClosingRow>(
                ClosingRow.Select + """
                 WHERE (@customer IS NULL OR c.number = @customer) AND (@meter IS NULL OR m.number = @meter) AND (@op IS NULL OR k.operator = @op)
                   AND (@from IS NULL OR k.at >= @from) AND (@to IS NULL OR k.at < @to) ORDER BY k.id
                """,
                new
                {
                    customer = filter.Customer is { } c ? (long?)checked((long)c.Value) : null, meter = filter.Meter is { } m ? Rows.Meter(m) : null, op = filter.Operator,
                    from = filter.From is { } f ? OperationLog.Stamp(f) : null, to = filter.To is { } t ? OperationLog.Stamp(t) : null,
                }).Select(r => r.ToModel()).ToList();
        });

    /// <summary>
    /// What <paramref name="credit"/> (hundredths of the group's unit) cost: last in first out over the account's paid purchases
    /// (committed opening, sale and correction rows, the latest first), each part at its own purchase's price — its money less
    /// the arrears it collected, over the credit it put in the meter (a token sale's: what its token carries, rounded up, TC3) —
    /// rounded down to the cent per purchase. Credit beyond them (a preset, a meter
    /// change's transfer) was never paid for and is worth nothing.
    /// </summary>
    internal static long ValueOf(WriteScope scope, long accountId, long credit)
    {
        var value = 0L;
        var left = credit;
        // The account's purchases and those of the accounts a transfer took the meter from: the credit went on with the meter.
        foreach (var (bought, paid) in scope.Query<(long Credit, long Paid)>(
                     AccountChain.With + """

                     SELECT COALESCE((SELECT tk.units * 10 FROM tokens tk WHERE tk.sale_id = s.id AND tk.kind = 'credit'), s.credit) AS credit,
                            s.money - s.arrears_collected AS paid
                     FROM sales s
                     WHERE s.account_id IN (SELECT id FROM chain) AND s.status = 'committed' AND s.kind IN ('opening', 'sale', 'correction') AND s.credit > 0
                     ORDER BY s.created_at DESC, s.id DESC
                     """, new { accountId }).ToList())
        {
            if (left <= 0)
            {
                break;
            }

            var taken = Math.Min(left, bought);
            value = checked(value + (checked(taken * paid) / bought));
            left -= taken;
        }

        return value;
    }

    private static ClosingRule RuleOf(string? stored) => stored is null ? ClosingRule.Refund : Rows.Enum<ClosingRule>(stored);

    private sealed class ReadingRow
    {
        public long Id { get; init; }
        public string Source { get; init; } = "";
        public long Remaining { get; init; }
        public string CreditUnit { get; init; } = "";
        public string MeterTime { get; init; } = "";
    }

    private sealed class ClosingRow
    {
        public const string Select = """
            SELECT k.id, k.account_id, c.number AS customer_number, c.name AS customer_name, m.number AS meter_number, r.meter_time AS reading_time, r.source AS reading_source,
                   k.credit_unit, k.remaining, k.credit_value, k.rule, k.arrears_set, k.refunded, a.arrears AS arrears_left, s.receipt_no, k.card_serial, k.operator, k.at
            FROM closings k JOIN accounts a ON a.id = k.account_id JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = k.meter_id
                 JOIN readings r ON r.id = k.reading_id LEFT JOIN sales s ON s.id = k.sale_id
            """;

        public long Id { get; init; }
        public long AccountId { get; init; }
        public long CustomerNumber { get; init; }
        public string CustomerName { get; init; } = "";
        public string MeterNumber { get; init; } = "";
        public string ReadingTime { get; init; } = "";
        public string ReadingSource { get; init; } = "";
        public string CreditUnit { get; init; } = "";
        public long Remaining { get; init; }
        public long CreditValue { get; init; }
        public string Rule { get; init; } = "";
        public long ArrearsSet { get; init; }
        public long Refunded { get; init; }
        public long ArrearsLeft { get; init; }
        public long? ReceiptNo { get; init; }
        public long CardSerial { get; init; }
        public string Operator { get; init; } = "";
        public string At { get; init; } = "";

        public Closing ToModel() => new(Id, AccountId, Core.CustomerNumber.From(checked((ulong)CustomerNumber)), CustomerName, Rows.Meter(MeterNumber), Rows.Time(ReadingTime),
            ReadingSource == "checkcard" ? "check card" : ReadingSource, new CreditAmount(Rows.Unit(CreditUnit), Remaining), Money.FromHundredths(CreditValue),
            Rows.Enum<ClosingRule>(Rule), Money.FromHundredths(ArrearsSet), Money.FromHundredths(Refunded), Money.FromHundredths(ArrearsLeft), ReceiptNo,
            Core.CardSerial.From(checked((ulong)CardSerial)), Operator, Rows.Time(At));
    }
}
