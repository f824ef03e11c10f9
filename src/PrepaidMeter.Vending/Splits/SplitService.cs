using System.Data;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Accounts;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Pricing;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Splits;

/// <summary>
/// Proportion of energy consuming (用电比例, PPMS registration): the energy of an account's meter split among the customers
/// who share it, each share at a price type of the account's group. Sales on the account are priced share by share
/// (<see cref="SplitPricing"/>) and their receipts, the takings by price type and the share query show each sharer's part.
/// The rules are docs/vending.md's "Proportion of energy consuming".
/// </summary>
public sealed class SplitService
{
    /// <summary>The most sharers one meter's energy is split among.</summary>
    public const int MostShares = 8;

    private readonly VendingContext _context;

    internal SplitService(VendingContext context) => _context = context;

    /// <summary>Splits the account's energy into <paramref name="shares"/> (two or more, parts summing to 100%) from its next sale on.</summary>
    public VendResult<AccountSplit> Set(OperatorSession session, long accountId, IReadOnlyList<ShareRequest> shares, string reason) =>
        _context.Write<AccountSplit>(session, Permission.EnergySplit, scope =>
        {
            ArgumentNullException.ThrowIfNull(shares);
            if (Check(scope, accountId, reason, "a split") is { } refusal)
            {
                return refusal;
            }

            var account = AccountService.Find(scope.Connection, scope.Transaction, accountId)!;
            var group = scope.First<GroupRow>("SELECT * FROM supply_groups WHERE code = @GroupCode", new { account.GroupCode })!;
            if (group.Unit != CreditUnit.Energy)
            {
                return Refuse.Invalid(
                    $"account {accountId}'s group {group.Code} credits {Rows.Lower(group.Unit)}, not kWh: only a meter sold kWh at the counter can be split "
                    + "(a money meter prices what it consumes itself, at one price; a water or gas meter sells m³)");
            }

            if (shares.Count < 2 || shares.Count > MostShares)
            {
                return Refuse.Invalid($"a split has 2 to {MostShares} shares, not {shares.Count} (one customer at one type is no split: end it with 'vend split end')");
            }

            if (shares.Any(s => s.BasisPoints <= 0 || s.BasisPoints >= SplitPricing.WholeInBasisPoints) || shares.Sum(s => (long)s.BasisPoints) != SplitPricing.WholeInBasisPoints)
            {
                return Refuse.Invalid($"the shares' parts must each be more than 0% and less than 100%, and sum to 100.00%, not {string.Join(" + ", shares.Select(s => SharePercent.Format(s.BasisPoints)))}");
            }

            if (shares.GroupBy(s => (s.Customer, s.PriceTypeId)).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                return Refuse.Invalid($"customer {twice.Key.Customer} at price type {twice.Key.PriceTypeId} is named twice: give each customer and type one share");
            }

            var resolved = new List<(long CustomerId, ShareRequest Share)>();
            foreach (var share in shares)
            {
                if (scope.Scalar<long?>("SELECT id FROM customers WHERE number = @number", new { number = (long)share.Customer.Value }) is not { } customerId)
                {
                    return Refuse.NotFound($"no customer {share.Customer}");
                }

                var type = scope.First<(string? GroupCode, string Name, long Deleted)>("SELECT group_code, name, deleted FROM price_types WHERE id = @PriceTypeId", new { share.PriceTypeId });
                if (type.GroupCode is null || type.Deleted != 0)
                {
                    return Refuse.NotFound($"no price type {share.PriceTypeId}");
                }

                if (type.GroupCode != account.GroupCode)
                {
                    return Refuse.Invalid($"price type {share.PriceTypeId} ('{type.Name}') belongs to supply group {type.GroupCode}, account {accountId} to {account.GroupCode}");
                }

                if (scope.Scalar<long>("SELECT COUNT(*) FROM price_versions WHERE price_type_id = @PriceTypeId AND effective_from <= @at", new { share.PriceTypeId, at = scope.Stamp }) == 0)
                {
                    return Refuse.Conflict($"price type '{type.Name}' has no price in force: the account's next sale could not price that share");
                }

                resolved.Add((customerId, share));
            }

            var inForce = Io.Wait(SalePricing.SplitInForce(scope, accountId, Io.Sync));
            if (inForce is { } current && current.Shares.Select(s => (s.CustomerId, s.PriceTypeId, s.BasisPoints))
                    .SequenceEqual(resolved.Select(r => (r.CustomerId, r.Share.PriceTypeId, r.Share.BasisPoints))))
            {
                return Refuse.Conflict($"account {accountId}'s energy is split so already");
            }

            var splitId = Insert(scope, accountId, reason);
            for (var i = 0; i < resolved.Count; i++)
            {
                scope.InsertCovered(AuditedTable.SplitShares,
                    "INSERT INTO split_shares (split_id, position, customer_id, price_type_id, basis_points) VALUES (@splitId, @i, @CustomerId, @PriceTypeId, @BasisPoints)",
                    new { splitId, i, resolved[i].CustomerId, resolved[i].Share.PriceTypeId, resolved[i].Share.BasisPoints });
            }

            var split = Load(scope.Connection, scope.Transaction, accountId).Single(s => s.Id == splitId);
            scope.Log("split set", $"account {accountId}",
                $"{string.Join(", ", split.Shares.Select(s => $"customer {s.Customer} at '{s.PriceType}' {s.Percent}"))}: {reason}");
            return split;
        });

    /// <summary>Ends the account's split: from its next sale on it sells at its own price type again.</summary>
    public VendResult<AccountSplit> End(OperatorSession session, long accountId, string reason) =>
        _context.Write<AccountSplit>(session, Permission.EnergySplit, scope =>
        {
            if (Check(scope, accountId, reason, "ending a split") is { } refusal)
            {
                return refusal;
            }

            if (Io.Wait(SalePricing.SplitInForce(scope, accountId, Io.Sync)) is null)
            {
                return Refuse.Conflict($"account {accountId}'s energy is not split");
            }

            var splitId = Insert(scope, accountId, reason);
            scope.Log("split end", $"account {accountId}", $"sold at its own price type again: {reason}");
            return Load(scope.Connection, scope.Transaction, accountId).Single(s => s.Id == splitId);
        });

    /// <summary>The account's split in force and every change of it (an account closed or transferred keeps its history).</summary>
    public VendResult<SplitHistory> History(OperatorSession session, long accountId) =>
        _context.Read<SplitHistory>(session, Permission.Queries, connection =>
        {
            var account = connection.QueryFirstOrDefault<AccountRow>(AccountRow.Select + " WHERE a.id = @accountId", new { accountId });
            if (account is null)
            {
                return Refuse.NotFound($"no account {accountId}");
            }

            var changes = Load(connection, null, accountId);
            // A transfer or a closing ends the account, and with it its split: it is in force on an open account only.
            var inForce = account.Status == "open" && changes.Count > 0 && changes[^1].Shares.Count > 0 ? changes[^1] : null;
            return new SplitHistory(accountId, CustomerNumber.From(checked((ulong)account.CustomerNumber)), Rows.Meter(account.MeterNumber), inForce, changes);
        });

    /// <summary>
    /// The shares of the sales on split accounts (用电比例明细), by receipt: the filter's customer is the sharer's (the customer a share was
    /// sold to), its meter the sale's, its operator the one who sold, its period the sale's time.
    /// </summary>
    public VendResult<IReadOnlyList<SaleShareLine>> Shares(OperatorSession session, QueryFilter filter) =>
        _context.ForReports.Read<IReadOnlyList<SaleShareLine>>(session, Permission.Queries, connection =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            return connection.Query<SaleShareView>(
                    SaleShareView.Select + """
                     WHERE s.status <> 'pending' AND (@customer IS NULL OR c.number = @customer) AND (@meter IS NULL OR m.number = @meter)
                     AND (@op IS NULL OR s.operator = @op) AND (@from IS NULL OR s.created_at >= @from) AND (@to IS NULL OR s.created_at < @to)
                     ORDER BY s.id, x.position
                    """,
                    new
                    {
                        customer = filter.Customer is { } c ? (long?)c.Value : null, meter = filter.Meter?.ToString(), op = filter.Operator,
                        from = Reports.ReportSql.Stamp(filter.From), to = Reports.ReportSql.Stamp(filter.To),
                    })
                .Select(r => r.ToModel()).ToList();
        });

    /// <summary>What setting or ending a split needs: a reason, an open account, no card write in flight on it.</summary>
    private static Refusal? Check(WriteScope scope, long accountId, string reason, string what)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refuse.Invalid($"{what} needs a reason");
        }

        if (AccountService.Find(scope.Connection, scope.Transaction, accountId) is null)
        {
            return Refuse.NotFound($"no open account {accountId}");
        }

        // A sale in flight was priced under the split it found; the change waits for it to settle.
        return CardInspector.PendingOnAccount(scope, accountId) is { } pending ? CardInspector.InProgress(accountId, pending) : null;
    }

    private static long Insert(WriteScope scope, long accountId, string reason) =>
        scope.InsertCovered(AuditedTable.AccountSplits, "INSERT INTO account_splits (account_id, reason, operator, at) VALUES (@accountId, @reason, @op, @at)",
            new { accountId, reason, op = scope.Operator, at = scope.Stamp });

    private static List<AccountSplit> Load(IDbConnection connection, IDbTransaction? transaction, long accountId)
    {
        var shares = connection.Query<SplitShareView>(
                SplitShareView.Select + " WHERE x.split_id IN (SELECT id FROM account_splits WHERE account_id = @accountId) ORDER BY x.split_id, x.position",
                new { accountId }, transaction)
            .ToLookup(s => s.SplitId);
        return connection.Query<(long Id, string Reason, string Operator, string At)>(
                "SELECT id, reason, operator, at FROM account_splits WHERE account_id = @accountId ORDER BY id", new { accountId }, transaction)
            .Select(r => new AccountSplit(r.Id, accountId, [.. shares[r.Id].Select(s => s.ToModel())], r.Reason, r.Operator, Rows.Time(r.At)))
            .ToList();
    }
}
