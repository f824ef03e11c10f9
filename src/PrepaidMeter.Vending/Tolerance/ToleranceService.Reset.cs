using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Accounts;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Tolerance;

public sealed partial class ToleranceService
{
    /// <summary>
    /// A reset for selling (重置售电): the card in the reader, account <paramref name="accountId"/>'s own card but unreadable
    /// or disagreeing with the books, written again from the books — its serial, the account's purchase count, that
    /// purchase's amount, no return-write — with no new money. The meter loads that purchase once if it has not yet.
    /// </summary>
    public async Task<VendResult<ToleranceUse>> ResetAsync(OperatorSession session, ICardReader reader, long accountId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(reader);
        var grant = Grant.Check(session, Permission.ErrorTolerance);
        if (!grant.Success)
        {
            return grant.Refusal;
        }

        var why = ReasonOf(reason, "a card reset");
        if (!why.Success)
        {
            return why.Refusal;
        }

        var found = _context.Read<(AccountRow Account, GroupRow Group)>(grant.Value, connection =>
            AccountService.Find(connection, null, accountId) is { } account
                ? (account, SupplyGroupService.Find(connection, null, Rows.Group(account.GroupCode))!)
                : Refuse.NotFound($"no open account {accountId}"));
        if (!found.Success)
        {
            return found.Refusal;
        }

        var (books, group) = found.Value;
        if (await reader.WaitForCardAsync(TimeSpan.Zero, cancellationToken) != CardPresence.Present)
        {
            return new Refusal(RefusalReason.CardWriteFailed, $"no card in reader '{reader.Name}'");
        }

        var layout = GroupLayouts.Of(group);
        (reader as ICardMediaHint)?.ExpectMedia([layout.Medium]);
        var (io, image) = await layout.ReadImageAsync(reader, cancellationToken);
        if (!io.Success)
        {
            return new Refusal(RefusalReason.CardWriteFailed, $"the card could not be read: {io}");
        }

        var judged = Judge(layout.HasTag(image) ? layout.Decode(image, GroupKeys.Of(group)) : null, books, group);
        if (!judged.Success)
        {
            return judged.Refusal;
        }

        var (evidence, finding) = judged.Value;
        var written = await _cards.RunAsync(grant.Value, reader, scope =>
        {
            if (LockedAccount(scope, accountId) is not { } account)
            {
                return Refuse.NotFound($"no open account {accountId}");
            }

            if (account.PendingOperation is { } pending)
            {
                return CardInspector.InProgress(account.Id, new CardInspector.PendingOn(pending, account.PendingOperator!, account.PendingSince!));
            }

            if (account.PurchaseCount != books.PurchaseCount || account.CardSerial != books.CardSerial || account.MeterId != books.MeterId)
            {
                return Refuse.Conflict($"account {accountId} changed while its card was read; nothing was written — try again");
            }

            if (account.OpenChangeCard is { } changeCard)
            {
                return ChangeOpen(account.MeterNumber, changeCard);
            }

            var current = CurrentSale(scope, account);
            if (HighestLoaded(scope, account.MeterId, current?.SettledAt ?? OpenedAt(scope, account.Id)) is { } loaded && loaded > account.PurchaseCount)
            {
                return MeterAhead(account.MeterNumber, loaded, account.PurchaseCount);
            }

            // As a reissue writes it, on the same card under the same serial: a meter that loaded the purchase ignores it, one that did not loads it once.
            var record = new CardRecord
            {
                Kind = CardKind.User,
                Layout = group.Layout,
                CreditUnit = group.Unit,
                SupplyGroup = Rows.Group(group.Code),
                MeterNumber = Rows.Meter(account.MeterNumber),
                CustomerNumber = CustomerNumber.From(checked((ulong)account.CardCustomer)), // the number the meter is bound to (T4 of a transfer)
                CardSerial = CardSerial.From(checked((ulong)account.CardSerial)),
                PurchaseCount = PurchaseCount.From(checked((uint)account.PurchaseCount)),
                Purchase = new(group.Unit, current?.Sale.Credit ?? 0),
            };
            var operation = new CardResetWrite(group.Code, account.PurchaseCount, current?.Sale.Id, evidence, finding, why.Value);
            return CardImages.Encode(group, record, image).Then<PendingWrite>(intended => new PendingWrite(account.Id, null, record.CardSerial, image, intended, operation, group));
        }, cancellationToken);
        return written.Success ? Settled(written.Value) : written.Refusal;
    }

    /// <summary>Whether the card may be reset for the account, and what is wrong with it ("unreadable" or "mismatch").</summary>
    private static VendResult<(string Evidence, string Finding)> Judge(Cards.Codec.CardDecodeResult? read, AccountRow account, GroupRow group)
    {
        if (read is not { } decoded)
        {
            return ("unreadable", $"the card does not carry layout {group.Layout}'s tag");
        }

        if (!decoded.Success)
        {
            return ("unreadable", $"the card does not decode under group {group.Code}'s keys: {decoded.Fault}");
        }

        var card = decoded.Record!;
        if (card.Kind == CardKind.Blank)
        {
            return Refuse.Card("the card is blank: a new card for the account is a reissue ('prepaid vend card reissue')");
        }

        if (card.Kind != CardKind.User)
        {
            return Refuse.Card($"this is a {card.Kind} card, not a user card");
        }

        if ((long)card.CardSerial.Value != account.CardSerial)
        {
            return Refuse.Card($"the card is card {card.CardSerial}, not account {account.Id}'s card {account.CardSerial:D8}: a card reset writes only the account's own card");
        }

        if (card.ReturnWrite is { } back && Rows.Meter(back.MeterNumber) == account.MeterNumber && back.LoadedCount.Value > account.PurchaseCount)
        {
            return MeterAhead(account.MeterNumber, back.LoadedCount.Value, account.PurchaseCount);
        }

        var count = (long)card.PurchaseCount.Value;
        if (count > account.PurchaseCount)
        {
            return Refuse.Conflict(
                $"card {card.CardSerial} says purchase {count}, beyond the account's {account.PurchaseCount}: if a meter loaded it, a card at purchase {account.PurchaseCount} would be behind that meter and its next sale lost — not reset");
        }

        var agrees = count == account.PurchaseCount && (long)card.CustomerNumber.Value == account.CardCustomer
            && Rows.Meter(card.MeterNumber) == account.MeterNumber && Rows.Group(card.SupplyGroup) == account.GroupCode;
        var says = $"customer {card.CustomerNumber}, meter {card.MeterNumber}, group {card.SupplyGroup}, purchase {count}";
        var books = $"customer {account.CardCustomer}, meter {account.MeterNumber}, group {account.GroupCode}, purchase {account.PurchaseCount}";
        return agrees
            ? Refuse.Conflict($"card {card.CardSerial} agrees with the books ({books}): nothing to reset — it sells as it is")
            : ("mismatch", $"the card says {says}; the books say {books}");
    }
}
