using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Pricing;
using PrepaidMeter.Vending.Sales;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Tolerance;

/// <summary>
/// What the counter does when a sale cannot follow the normal path (PPMS daily work), administrators only, each use
/// with a reason, logged and audited: an error-tolerance sale (容错售电) past "card not swiped" on the evidence of a
/// meter reading, and a reset for selling (重置售电) that writes the account's unreadable or mismatched card again from
/// the books. Neither lets the meter load a purchase twice: the meter loads a purchase count once, and neither writes a
/// count the meter could take for one it has not been sold (docs/vending.md, "Error-tolerance selling and reset for selling").
/// </summary>
public sealed partial class ToleranceService
{
    private readonly VendingContext _context;
    private readonly CardWriter _cards;

    internal ToleranceService(VendingContext context, CardWriter cards)
    {
        _context = context;
        _cards = cards;
    }

    private static VendResult<string> ReasonOf(string? reason, string what) =>
        string.IsNullOrWhiteSpace(reason) ? Refuse.Invalid($"{what} needs a reason (--reason)") : reason.Trim();

    /// <summary>The sale at the account's purchase count and when it was settled (null for none: an account at purchase 0).</summary>
    private static (SaleRow Sale, string SettledAt)? CurrentSale(WriteScope scope, AccountRow account) =>
        SaleRecords.Current(scope, account) is { } sale
            ? (sale, scope.Scalar<string>("SELECT settled_at FROM sales WHERE id = @Id", new { sale.Id }) ?? sale.CreatedAt)
            : null;

    /// <summary>
    /// When the account was opened — by its first sale, or by the transfer that gave it the meter: with no sale of its own yet,
    /// the meter's readings before it are another account's word.
    /// </summary>
    private static string OpenedAt(WriteScope scope, long accountId) =>
        scope.Scalar<string>("SELECT opened_at FROM accounts WHERE id = @accountId", new { accountId })!;

    /// <summary>The meter's latest word (check card or link) recorded since <paramref name="since"/>; null for none.</summary>
    private static ReadingEvidence? LatestReading(WriteScope scope, long meterId, string since) =>
        scope.First<ReadingEvidence>(
            """
            SELECT source, loaded_count, remaining, meter_time FROM readings
            WHERE meter_id = @meterId AND source IN ('checkcard', 'link') AND recorded_at >= @since
            ORDER BY meter_time DESC, id DESC LIMIT 1
            """,
            new { meterId, since });

    /// <summary>The highest purchase count any reading of the meter (any source) recorded since <paramref name="since"/> shows loaded.</summary>
    private static long? HighestLoaded(WriteScope scope, long meterId, string since) =>
        scope.Scalar<long?>("SELECT MAX(loaded_count) FROM readings WHERE meter_id = @meterId AND recorded_at >= @since", new { meterId, since });

    /// <summary>The account as a card operation finds it, its row locked until commit.</summary>
    private static AccountOnCard? LockedAccount(WriteScope scope, long accountId) =>
        scope.First<AccountOnCard>(AccountOnCard.Select + " WHERE a.id = @accountId AND a.status = 'open'" + scope.LockRowsOf("a"), new { accountId });

    private static Refusal MeterAhead(string meter, long loaded, long count) =>
        Refuse.Conflict($"meter {meter} has loaded purchase {loaded}, but the books stop at purchase {count}: the meter holds a purchase the books do not — nothing was written");

    private static Refusal ChangeOpen(string meter, long changeCard) =>
        Refuse.Conflict($"a meter change is open for meter {meter} (meter-change card {changeCard}): complete it, or recycle the unused change card, first");

    internal sealed record ReadingEvidence
    {
        public string Source { get; init; } = "";
        public long LoadedCount { get; init; }
        public long Remaining { get; init; }
        public string MeterTime { get; init; } = "";
    }
}
