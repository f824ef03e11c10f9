using System.Data;
using System.Globalization;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Ledger;

/// <summary>
/// The account check (对账) of one account: what its stored row says against what its book gives — arrears, purchase count,
/// card serial, and status with the transfer it names.
/// </summary>
internal static class AccountChecks
{
    public static IEnumerable<AccountDisagreement> Disagreements(IDbConnection connection, long accountId)
    {
        var stored = connection.QuerySingle<Stored>("SELECT id, card_serial, purchase_count, arrears, status, transferred_to FROM accounts WHERE id = @accountId", new { accountId });
        var book = AccountBooks.Read(connection, accountId)!;
        if (book.Arrears.Hundredths != stored.Arrears)
        {
            yield return new(accountId, "arrears", Money.FromHundredths(stored.Arrears).ToString(), book.Arrears.ToString());
        }

        // The purchase count: the last committed sale's (a cancel takes the account back to the one before), else the count a
        // transfer handed the account, else none yet.
        var transferIn = connection.QueryFirstOrDefault<TransferRow>(
            "SELECT id, from_account_id, to_account_id, card_serial, purchase_count FROM account_transfers WHERE to_account_id = @accountId", new { accountId });
        var lastSale = connection.QueryFirstOrDefault<long?>(
            "SELECT purchase_count FROM sales WHERE account_id = @accountId AND status = 'committed' ORDER BY id DESC LIMIT 1", new { accountId });
        var count = lastSale ?? transferIn?.PurchaseCount ?? 0;
        if (count != stored.PurchaseCount)
        {
            yield return new(accountId, "purchase count", Text(stored.PurchaseCount), Text(count));
        }

        // The card serial: the last reissue's new card, else the card a transfer handed over, else the card of the account's first
        // sale (its opening). A made-up district's sales went on no card (serial 0) and say nothing of it.
        var serial = connection.QueryFirstOrDefault<long?>("SELECT new_serial FROM reissues WHERE account_id = @accountId ORDER BY id DESC LIMIT 1", new { accountId })
            ?? transferIn?.CardSerial
            ?? connection.QueryFirstOrDefault<long?>("SELECT card_serial FROM sales WHERE account_id = @accountId AND status <> 'pending' AND card_serial <> 0 ORDER BY id LIMIT 1", new { accountId });
        if (serial is { } expected && expected != stored.CardSerial)
        {
            yield return new(accountId, "card serial", Text(stored.CardSerial), Text(expected));
        }

        // Transferred exactly when a transfer took the meter from it, and then pointing at that transfer's account; closed exactly
        // when a closing (销户) closed it.
        var transferOut = connection.QueryFirstOrDefault<TransferRow>(
            "SELECT id, from_account_id, to_account_id, card_serial, purchase_count FROM account_transfers WHERE from_account_id = @accountId", new { accountId });
        var closed = connection.QueryFirstOrDefault<long?>("SELECT id FROM closings WHERE account_id = @accountId", new { accountId }) is not null;
        var status = transferOut is not null ? $"transferred to account {transferOut.ToAccountId}" : closed ? "closed" : "open";
        var storedStatus = stored.Status == "transferred" ? $"transferred to account {(stored.TransferredTo is { } to ? Text(to) : "(none)")}" : stored.Status;
        if (status != storedStatus)
        {
            yield return new(accountId, "status", storedStatus, status);
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Stored
    {
        public long Id { get; init; }
        public long CardSerial { get; init; }
        public long PurchaseCount { get; init; }
        public long Arrears { get; init; }
        public string Status { get; init; } = "";
        public long? TransferredTo { get; init; }
    }

    private sealed record TransferRow
    {
        public long Id { get; init; }
        public long FromAccountId { get; init; }
        public long ToAccountId { get; init; }
        public long CardSerial { get; init; }
        public long PurchaseCount { get; init; }
    }
}
