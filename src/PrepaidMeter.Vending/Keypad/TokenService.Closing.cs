using PrepaidMeter.Vending.Amendments;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Keypad;

/// <summary>
/// Closing a token account (docs/vending.md, "Keypad tokens", TC1–TC5): the card closing's valuation and refund rule (C4, C5),
/// with a link reading of the meter for the credit it holds — there is no card to read it from or to wipe — and the meter's
/// TIDs carried to its next token account (A5).
/// </summary>
public sealed partial class TokenService
{
    /// <summary>Closes token account <paramref name="accountId"/> on the latest link reading of its meter taken after its last token.</summary>
    public VendResult<Closing> Close(OperatorSession session, long accountId)
    {
        var closed = _context.Write<long>(session, Permission.AccountClosing, scope =>
        {
            var account = scope.First<AccountRow>(AccountRow.Select + " WHERE a.id = @accountId" + scope.LockRowsOf("a"), new { accountId });
            if (account is null)
            {
                return Refuse.NotFound($"no account {accountId}");
            }

            var meter = scope.First<TokenMeterRow>(TokenMeterRow.Select + " WHERE t.account_id = @accountId", new { accountId });
            if (meter is null)
            {
                return Refuse.Conflict($"account {accountId} is a card account: close it with its user card in the reader ('vend close account')");
            }

            if (account.Status != "open")
            {
                return Refuse.Conflict($"account {accountId} is {account.Status}: only an open account is closed");
            }

            var waiting = scope.Scalar<long>("SELECT COUNT(*) FROM payments WHERE account_id = @accountId AND status = 'credited'", new { accountId });
            if (waiting > 0)
            {
                // Taken before the payment API refused token accounts: closing would lose the money, which no token sale applies.
                return Refuse.Conflict($"account {accountId} has {waiting} partner payment(s) waiting for a card it has not got (taken before the payment API refused token accounts): "
                    + "closing it would lose them; they must be settled with the partner first");
            }

            // A token the meter was given after the reading may have been entered after it: only a reading taken since the
            // account's last token (or its opening) can hold everything the account bought.
            var since = scope.Scalar<string>(
                "SELECT COALESCE((SELECT MAX(at) FROM tokens WHERE account_id = @accountId), (SELECT opened_at FROM accounts WHERE id = @accountId))", new { accountId });
            var reading = scope.First<LinkReading>(
                """
                SELECT id, remaining, credit_unit FROM readings
                WHERE meter_id = @MeterId AND source = 'link' AND recorded_at >= @since
                ORDER BY meter_time DESC, id DESC LIMIT 1
                """, new { account.MeterId, since });
            if (reading is null)
            {
                return Refuse.Conflict($"no link reading of meter {account.MeterNumber} since its last token: read it over its link ('vend reading round --port PORT --meters METER'), "
                    + "after the customer has entered every token bought, then close the account");
            }

            ClosingService.Decide(scope, account, reading.Id, reading.Remaining, reading.CreditUnit).Record(scope, cardSerial: 0);

            // The meter's TIDs go on with it: its next token account starts after this one's last (A5).
            scope.ExecuteCovered(AuditedTable.TokenMeters, "UPDATE token_meters SET closed_at = @at WHERE account_id = @accountId", new { at = scope.Stamp, accountId });
            return accountId;
        });
        if (!closed.Success)
        {
            return closed.Refusal;
        }

        using var connection = _context.Database.Open();
        return ClosingService.Read(connection, accountId);
    }

    private sealed class LinkReading
    {
        public long Id { get; init; }
        public long Remaining { get; init; }
        public string CreditUnit { get; init; } = "";
    }
}
