using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Tokens.Keys;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Keypad;

/// <summary>
/// A supply group's medium (card, token or both) and its token keys (docs/vending.md, "Keypad tokens", G1–G6). The vending
/// key goes into the books and never comes out: no model, message or log entry carries it.
/// </summary>
public sealed class TokenGroupService
{
    private readonly VendingContext _context;

    internal TokenGroupService(VendingContext context) => _context = context;

    /// <summary>Sets the group's medium and, when <paramref name="key"/> is given, adds a token key (a new key revision or base date).</summary>
    public VendResult<TokenGroup> Set(OperatorSession session, SupplyGroupCode code, SupplyMedium medium, TokenKeyDefinition? key) =>
        _context.Write<TokenGroup>(session, Permission.TokenKeys, scope =>
        {
            if (SupplyGroupService.Find(scope.Connection, scope.Transaction, code) is not { } group)
            {
                return Refuse.NotFound($"no supply group {code}");
            }

            if (!Enum.IsDefined(medium))
            {
                return Refuse.Invalid("a medium is card, token or both");
            }

            if (key is not null && TokenKeys.Problem(key) is { } problem)
            {
                return Refuse.Invalid(problem);
            }

            if (medium.SellsTokens() && group.Unit == CreditUnit.Money)
            {
                // Currency tokens carry CRC_C (IEC 62055-41, 6.3.22), which no public material defines: none are made.
                return Refuse.Invalid($"supply group {group.Code} counts credit in money; tokens carry kWh or m³ (currency tokens are not made)");
            }

            var keys = Keys(scope.Connection, scope.Transaction, group.Code);
            if (medium.SellsTokens() && key is null && keys.Count == 0)
            {
                return Refuse.Invalid($"supply group {group.Code} has no token key yet: give its vending key and key parameters with the medium");
            }

            var openTokenAccounts = scope.Scalar<long>(
                "SELECT COUNT(*) FROM token_meters t JOIN accounts a ON a.id = t.account_id WHERE a.group_code = @code AND a.status = 'open'", new { code = group.Code });
            if (!medium.SellsTokens() && openTokenAccounts > 0)
            {
                return Refuse.Conflict($"supply group {group.Code} has {openTokenAccounts} open token account(s): it keeps selling tokens while they are open");
            }

            if (key is not null)
            {
                if (keys.Any(k => k.KeyRevision == key.KeyRevision && k.Base == key.BaseDate))
                {
                    return Refuse.Conflict($"supply group {group.Code} has a token key of revision {key.KeyRevision} and base date {(int)key.BaseDate} already; a key once given never changes");
                }

                // A key that differs only where the decoder key generation does not look (DKGA02: the base date; both: KEN) gives
                // every meter the decoder key it has: a key change to it with the rollover bit would clear the meter's TID
                // memory and let every token it took before be entered again.
                if (keys.FirstOrDefault(k => TokenKeys.DerivesAlike(k, key)) is { } alike)
                {
                    return Refuse.Conflict(
                        $"supply group {group.Code}'s token key of revision {alike.KeyRevision} and base date {(int)alike.Base} has the same vending key, key type, tariff index, key revision, EA and DKGA"
                        + (key.Generation == KeyGeneration.Dkga02 ? " (DKGA02 does not derive from the base date)" : " and base date")
                        + ": every meter's decoder key would be the same under both; give a new key revision or vending key");
                }

                scope.ExecuteCovered(AuditedTable.TokenKeys,
                    """
                    INSERT INTO token_keys (group_code, key_revision, key_type, tariff_index, key_expiry, base_date, algorithm, dkga, vending_key, created_at, created_by)
                    VALUES (@code, @KeyRevision, @KeyType, @TariffIndex, @KeyExpiry, @baseDate, @algorithm, @dkga, @vendingKey, @at, @op)
                    """,
                    new
                    {
                        code = group.Code, key.KeyRevision, key.KeyType, key.TariffIndex, key.KeyExpiry, baseDate = (int)key.BaseDate, algorithm = (int)key.Algorithm,
                        dkga = (int)key.Generation, vendingKey = key.VendingKeyHex.Trim().ToUpperInvariant(), at = scope.Stamp, op = scope.Operator,
                    });
            }

            scope.ExecuteCovered(AuditedTable.SupplyGroups, "UPDATE supply_groups SET medium = @medium WHERE code = @code", new { code = group.Code, medium = medium.Name() });
            var shown = Show(scope.Connection, scope.Transaction, group)!;
            var added = key is null ? "" : $"; token key added: {TokenKeyRow.Describe(shown.Keys[0])}";
            scope.Log("token group", group.Code, $"medium {medium.Name()}{added}");
            return shown;
        });

    public VendResult<TokenGroup> Get(OperatorSession session, SupplyGroupCode code) =>
        _context.Read<TokenGroup>(session, Permission.Queries, connection =>
            SupplyGroupService.Find(connection, null, code) is { } group ? Show(connection, null, group)! : Refuse.NotFound($"no supply group {code}"));

    /// <summary>The group's token keys, newest first.</summary>
    internal static IReadOnlyList<TokenKeyRow> Keys(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, string groupCode) =>
        connection.Query<TokenKeyRow>(TokenKeyRow.Select + " WHERE group_code = @groupCode ORDER BY id DESC", new { groupCode }, transaction).ToList();

    internal static TokenKeyRow Key(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, long id) =>
        connection.QueryFirstOrDefault<TokenKeyRow>(TokenKeyRow.Select + " WHERE id = @id", new { id }, transaction) ?? throw new InvalidOperationException($"Token key {id} is gone.");

    private static TokenGroup? Show(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, GroupRow group) =>
        new(Rows.Group(group.Code), group.Name, SupplyGroupService.MediumOf(connection, transaction, group.Code), group.MeterType,
            Keys(connection, transaction, group.Code).Select(k => k.ToModel()).ToList());

    /// <summary>The newest of <paramref name="keys"/> (newest first) of that revision and base date (either may be left out); null when none is.</summary>
    internal static TokenKeyRow? Matching(IReadOnlyList<TokenKeyRow> keys, int? keyRevision, Tokens.Data.BaseDate? baseDate) =>
        keys.FirstOrDefault(k => (keyRevision is null || k.KeyRevision == keyRevision) && (baseDate is null || k.Base == baseDate));

    /// <summary>A key as a refusal names it: "revision 2", "base date 2035", "revision 2 and base date 2035".</summary>
    internal static string Naming(int? keyRevision, Tokens.Data.BaseDate? baseDate) =>
        string.Join(" and ", new[] { keyRevision is { } r ? $"revision {r}" : null, baseDate is { } b ? $"base date {(int)b}" : null }.OfType<string>());
}
