using System.Data;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Ledger;

/// <summary>
/// The meter account (PPMS): an account's transaction book (台账), the account check (对账) that recomputes accounts from their
/// books, and accounts receivable (应收). All read; all need the queries function.
/// </summary>
public sealed class LedgerService
{
    private readonly VendingContext _context;

    internal LedgerService(VendingContext context) => _context = context;

    /// <summary>Every money and credit movement of the account, oldest first, with the arrears owed after each.</summary>
    public VendResult<AccountBook> Book(OperatorSession session, long accountId) =>
        _context.Read<AccountBook>(session, Permission.Queries, connection =>
            AccountBooks.Read(connection, accountId) is { } book ? book : Refuse.NotFound($"no account {accountId}"));

    /// <summary>Recomputes one account (or, with null, every settled account) from its book and names every field the stored row disagrees on.</summary>
    public VendResult<AccountCheck> Check(OperatorSession session, long? accountId = null) =>
        _context.Read<AccountCheck>(session, Permission.Queries, connection =>
        {
            var ids = connection.Query<long>("SELECT id FROM accounts WHERE status <> 'pending' AND (@accountId IS NULL OR id = @accountId) ORDER BY id", new { accountId }).ToList();
            if (accountId is { } one && ids.Count == 0)
            {
                return Refuse.NotFound($"no account {one}");
            }

            var found = new List<AccountDisagreement>();
            foreach (var id in ids)
            {
                found.AddRange(AccountChecks.Disagreements(connection, id));
            }

            return new AccountCheck(ids.Count, found);
        });

    /// <summary>
    /// The accounts that owe (arrears above zero; open or transferred), largest first, with their oldest unpaid charge; the place
    /// filters of the reports apply (group, price type, region, line, transformer area, utility). A period or an operator is refused:
    /// receivables are what is owed now.
    /// </summary>
    public VendResult<Receivables> Receivables(OperatorSession session, ReportFilter filter) =>
        _context.Read<Receivables>(session, Permission.Queries, connection =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            if (filter.From is not null || filter.To is not null || filter.Operator is not null)
            {
                return Refuse.Invalid("accounts receivable are what is owed now: they take no period and no operator");
            }

            if (ReportSql.Check(connection, filter) is { } refusal)
            {
                return refusal;
            }

            var now = _context.Now;
            var owing = connection.Query<OwingRow>(
                $"""
                SELECT a.id, c.number AS customer, c.name, m.number AS meter, a.status, c.region, c.line, c.transformer_area, a.arrears
                FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id
                     JOIN price_types p ON p.id = a.price_type_id JOIN supply_groups g ON g.code = a.group_code
                WHERE a.status IN ('open', 'transferred', 'closed') AND a.arrears > 0{ReportSql.Places(filter)}
                ORDER BY a.arrears DESC, a.id
                """, ReportSql.Parameters(filter)).ToList();
            return new Receivables([.. owing.Select(o =>
            {
                var oldest = OldestUnpaid(connection, o.Id, o.Arrears);
                return new Receivable(o.Id, CustomerNumber.From(checked((ulong)o.Customer)), o.Name, Rows.Meter(o.Meter), Rows.Enum<AccountStatus>(o.Status),
                    o.Region, o.Line, o.TransformerArea, Money.FromHundredths(o.Arrears), oldest, oldest is { } at ? (long)Math.Floor((now - at).TotalDays) : null);
            })]);
        });

    /// <summary>
    /// The charge the arrears still owe part of, charges paid oldest first: the first whose cumulative sum passes what has been
    /// paid off (all charges − arrears). Null when the account has no charge.
    /// </summary>
    private static DateTimeOffset? OldestUnpaid(IDbConnection connection, long accountId, long arrears)
    {
        var charges = connection.Query<(long Amount, string At)>("SELECT amount, at FROM account_charges WHERE account_id = @accountId ORDER BY at, id", new { accountId }).ToList();
        var paidOff = charges.Sum(c => c.Amount) - arrears;
        var sum = 0L;
        foreach (var (amount, at) in charges)
        {
            sum = checked(sum + amount);
            if (sum > paidOff)
            {
                return Rows.Time(at);
            }
        }

        return null;
    }

    private sealed record OwingRow
    {
        public long Id { get; init; }
        public long Customer { get; init; }
        public string Name { get; init; } = "";
        public string Meter { get; init; } = "";
        public string Status { get; init; } = "";
        public string Region { get; init; } = "";
        public string Line { get; init; } = "";
        public string TransformerArea { get; init; } = "";
        public long Arrears { get; init; }
    }
}
