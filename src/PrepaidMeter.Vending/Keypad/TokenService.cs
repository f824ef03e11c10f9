using PrepaidMeter.Core;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Pricing;
using PrepaidMeter.Vending.Sales;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Keypad;

/// <summary>
/// Selling keypad tokens (docs/vending.md, "Keypad tokens"): token accounts, credit token sales with their receipt, reprint,
/// cancel and correction, key changes and management tokens. A token sale is one transaction — there is no card to write —
/// through the same permissions, pricing, receipts, operation log and audit as a card sale.
/// </summary>
public sealed partial class TokenService
{
    private readonly VendingContext _context;

    internal TokenService(VendingContext context) => _context = context;

    /// <summary>
    /// Opens a token account: a customer, a meter from stock of a group that sells tokens, a price type of that group, and the
    /// meter's DRN (11 digits with its Luhn check, beside IIN 600727 unless another is given). The meter holds the group's
    /// newest token key whose base date has begun (or, for a DRN an earlier account of the group had, the key it left the meter on). No card, no first purchase: the first sale is `vend token sell`.
    /// </summary>
    /// <param name="keyRevision">With <paramref name="baseDate"/>, the group's key the meter was made or loaded with (a meter in stock
    /// from before a key change campaign holds the older key); neither: the key the books know it holds (A2), else the newest
    /// whose base date has begun.</param>
    /// <param name="baseDate">See <paramref name="keyRevision"/>.</param>
    public VendResult<TokenMeter> Open(OperatorSession session, CustomerNumber customer, MeterNumber meter, long priceTypeId, string drn, string? iin = null,
        int? keyRevision = null, BaseDate? baseDate = null) =>
        _context.Write<TokenMeter>(session, Permission.Accounts, scope =>
        {
            var issuer = (iin ?? Tokens.Keys.MeterIdentity.DefaultIin).Trim();
            drn = (drn ?? "").Trim();
            var checkedOpening = AccountOpening.Check(scope, customer, meter, priceTypeId, (group, medium) => medium.SellsTokens()
                ? null
                : Refuse.Conflict($"supply group {group.Code} sells on cards only; an administrator sets its medium to token or both (vend token group set)"));
            if (!checkedOpening.Success)
            {
                return checkedOpening.Refusal;
            }

            var (customerRow, meterRow, group) = checkedOpening.Value;

            // The key the meter holds. A DRN that was the meter of an earlier account of the group holds the key that account left
            // it on (its last key change's): tokens under any other would be rejected, and a key change under any other too.
            // Otherwise the group's newest key whose base date has begun — not one given early for a later campaign (a 2035 base
            // date), which can issue nothing yet. A key whose minutes are spent or whose expiry number has passed is still taken:
            // a meter made with it holds it, and its account's sales name the key change it needs (S4).
            var keys = TokenGroupService.Keys(scope.Connection, scope.Transaction, group.Code);
            var held = scope.Scalar<long?>(
                """
                SELECT t.key_id FROM token_meters t JOIN accounts a ON a.id = t.account_id
                WHERE t.iin = @issuer AND t.drn = @drn AND a.group_code = @group ORDER BY t.account_id DESC LIMIT 1
                """, new { issuer, drn, group = group.Code });
            if (keyRevision is not null || baseDate is not null)
            {
                if (TokenGroupService.Matching(keys, keyRevision, baseDate) is not { } named)
                {
                    return Refuse.NotFound($"supply group {group.Code} has no token key of {TokenGroupService.Naming(keyRevision, baseDate)}");
                }

                held = named.Id;
            }

            var key = held is { } heldId ? keys.FirstOrDefault(k => k.Id == heldId) : keys.FirstOrDefault(k => k.Base.Start() <= scope.Now);
            if (key is null)
            {
                return Refuse.Conflict($"supply group {group.Code}'s token keys all have a base date not begun ({string.Join(", ", keys.Select(k => (int)k.Base).Distinct())}): "
                    + "a meter opened on one could be sold no token yet; give the group a key of a base date begun");
            }

            if (Tokens.Keys.MeterIdentity.Problem(issuer, drn, checked((int)key.KeyType), int.Parse(group.Code, System.Globalization.CultureInfo.InvariantCulture),
                    checked((int)key.TariffIndex), checked((int)key.KeyRevision), checked((int)key.KeyExpiry)) is { } problem)
            {
                return Refuse.Invalid(problem.Replace("meter number", "DRN", StringComparison.Ordinal));
            }

            // This runs under the exclusive write lock (Write, as every account open: PostgreSQL's advisory lock, SQLite's one
            // writer), so two opens of one DRN are one after the other and the second is refused here; the unique index on
            // the open (IIN, DRN) is the books' own guard behind it.
            if (scope.Scalar<long?>("SELECT account_id FROM token_meters WHERE iin = @issuer AND drn = @drn AND closed_at IS NULL", new { issuer, drn }) is { } holder)
            {
                return Refuse.Conflict($"DRN {drn} is the meter of open account {holder}");
            }

            // The TID memory is the meter's, not the account's: a DRN that was an earlier account's goes on after that account's
            // last TID (under the same base date; another base date's minutes are another count), else a token issued now could
            // take a TID the meter has seen (one bumped past the minute) and be refused as used.
            var carried = scope.Scalar<long?>(
                "SELECT MAX(t.last_tid) FROM token_meters t JOIN token_keys k ON k.id = t.key_id WHERE t.iin = @issuer AND t.drn = @drn AND k.base_date = @baseDate",
                new { issuer, drn, baseDate = key.BaseDate });

            var accountId = scope.InsertCovered(AuditedTable.Accounts,
                """
                INSERT INTO accounts (customer_id, meter_id, price_type_id, group_code, card_serial, purchase_count, arrears, status, opened_at, version)
                VALUES (@customerId, @meterId, @priceTypeId, @group, 0, 0, 0, 'open', @at, 0)
                """,
                new { customerId = customerRow.Id, meterId = meterRow.Id, priceTypeId, group = group.Code, at = scope.Stamp });
            scope.ExecuteCovered(AuditedTable.TokenMeters, "INSERT INTO token_meters (account_id, iin, drn, key_id, last_tid) VALUES (@accountId, @issuer, @drn, @keyId, @carried)",
                new { accountId, issuer, drn, keyId = key.Id, carried });
            MeterService.SetStatus(scope, meterRow, "install", MeterStatus.Installed, $"account {accountId}");
            scope.Log("token account open", $"account {accountId}",
                $"customer {customer}, meter {meter}, DRN {issuer} {drn}, price type {priceTypeId}, {key.Describe()}{(carried is { } last ? $", last TID {last} (the DRN's earlier account)" : "")}");
            return Found(scope, accountId).Select(f => f.Meter.ToModel(f.Key));
        });

    /// <summary>The token account's meter: its DRN, the key it holds, the last token identifier it was given.</summary>
    public VendResult<TokenMeter> Meter(OperatorSession session, long accountId) =>
        _context.Read<TokenMeter>(session, Permission.Queries, connection =>
        {
            var meter = Dapper.SqlMapper.QueryFirstOrDefault<TokenMeterRow>(connection, TokenMeterRow.Select + " WHERE t.account_id = @accountId", new { accountId });
            return meter is null
                ? Refuse.NotFound($"account {accountId} is not a token account")
                : meter.ToModel(TokenGroupService.Key(connection, null, meter.KeyId));
        });

    /// <summary>A token account as an operation on it finds it (its row locked on a server), or why there is none.</summary>
    internal sealed record TokenAccount(AccountRow Account, GroupRow Group, TokenMeterRow Meter, TokenKeyRow Key)
    {
        public TokenIssuer Issuer(WriteScope scope) => new(scope, Group.Code, Meter, Key);
    }

    internal static VendResult<TokenAccount> Found(WriteScope scope, long accountId)
    {
        var account = scope.First<AccountRow>(AccountRow.Select + " WHERE a.id = @accountId AND a.status = 'open'" + scope.LockRowsOf("a"), new { accountId });
        if (account is null)
        {
            return Refuse.NotFound($"no open account {accountId}");
        }

        var meter = scope.First<TokenMeterRow>(TokenMeterRow.Select + " WHERE t.account_id = @accountId", new { accountId });
        if (meter is null)
        {
            return Refuse.Conflict($"account {accountId} is a card account: it is sold on its card ('vend sell'), not with tokens");
        }

        var group = SupplyGroupService.Find(scope.Connection, scope.Transaction, Rows.Group(account.GroupCode))!;
        if (!SupplyGroupService.MediumOf(scope.Connection, scope.Transaction, group.Code).SellsTokens())
        {
            return Refuse.Conflict($"supply group {group.Code} no longer sells tokens");
        }

        return new TokenAccount(account, group, meter, TokenGroupService.Key(scope.Connection, scope.Transaction, meter.KeyId));
    }
}
