using System.Data;
using Dapper;
using PrepaidMeter.Cards.Codec;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>A card read at the counter: its bytes, and what they say under the group whose keys opened them.</summary>
internal sealed record ReadCard(byte[] Image, GroupRow? Group, CardLayout? Layout, CardRecord Record)
{
    public bool IsBlank => Record.Kind == CardKind.Blank;

    public SupplyGroupKeys Keys => GroupKeys.Of(Group ?? throw new InvalidOperationException("A blank card has no group."));
}

/// <summary>A card read by an operation, with the grant its permission check gave.</summary>
internal sealed record GrantedCard(Grant Grant, ReadCard Card);

/// <summary>A user card matched to its account, and whether the meter has loaded the card's purchase.</summary>
internal sealed record UserCard(ReadCard Card, AccountRow Account, bool Swiped)
{
    /// <summary>The meter-change card open for the account's meter, if any: a sale must wait for the change.</summary>
    public long? OpenChangeCard { get; init; }
}

/// <summary>
/// Reads the card in the reader and decides whose it is. Each of the site's groups is tried with its
/// own keys, so a card of another site or group, a forged or edited card, an old copy and a replaced
/// card are each refused with their own sentence.
/// </summary>
internal static class CardInspector
{
    public static async Task<VendResult<ReadCard>> ReadAsync(VendingContext context, ICardReader reader, CancellationToken cancellationToken)
    {
        if (await reader.WaitForCardAsync(TimeSpan.Zero, cancellationToken) != CardPresence.Present)
        {
            return new Refusal(RefusalReason.CardWriteFailed, $"no card in reader '{reader.Name}'");
        }

        List<GroupRow> groups;
        try
        {
            using var connection = context.Database.Open();
            groups = [.. connection.Query<GroupRow>("SELECT * FROM supply_groups ORDER BY code")];
        }
        catch (Exception e) when (context.Database.IsUnavailable(e))
        {
            return context.Unavailable(e, "the card was not touched and nothing was recorded");
        }

        var layouts = groups.Select(g => GroupLayouts.Of(g)).ToList();
        (reader as ICardMediaHint)?.ExpectMedia([.. layouts.Select(l => l.Medium)]);

        // Every card byte any group's layout places on its card: each layout's image is read where its medium puts it.
        // A smaller card than the largest layout's (a site with CPU and memory cards) is read layout by layout.
        var size = layouts.Count == 0 ? CardMedium.Sle4442.Capacity : layouts.Max(l => l.MediumOffset + l.Size);
        var (read, image) = await CardImageIo.ReadAsync(reader, size, cancellationToken);
        var byLayout = read.Status == CardIoStatus.OutOfRange && layouts.Count > 0;
        if (!read.Success && !byLayout)
        {
            return new Refusal(RefusalReason.CardWriteFailed, $"the card could not be read: {read}");
        }

        CardFault? firstFault = null;
        for (var i = 0; i < groups.Count; i++)
        {
            var layout = layouts[i];
            if (byLayout)
            {
                (read, image) = await layout.ReadImageAsync(reader, cancellationToken);
                if (!read.Success)
                {
                    continue;
                }
            }

            var bytes = byLayout ? image.AsSpan() : image.AsSpan(layout.MediumOffset, layout.Size);
            if (!layout.HasTag(bytes))
            {
                continue;
            }

            var decoded = layout.Decode(bytes, GroupKeys.Of(groups[i]));
            if (decoded.Success && decoded.Record!.Kind == CardKind.Blank)
            {
                return new ReadCard(bytes.ToArray(), null, layout, decoded.Record);
            }

            if (decoded.Success && decoded.Record!.SupplyGroup == Rows.Group(groups[i].Code))
            {
                return new ReadCard(bytes.ToArray(), groups[i], layout, decoded.Record);
            }

            firstFault ??= decoded.Fault;
        }

        return firstFault switch
        {
            null => Refuse.Card("the card is of no layout this site's supply groups use"),
            { Kind: CardFaultKind.Mac } => Refuse.Card("the card's MAC fits none of this site's supply groups: a card of another group or site, or an edited card"),
            _ => Refuse.Card($"the card was refused: {firstFault}"),
        };
    }

    /// <summary>What every card operation starts with: its one permission check, then the card.</summary>
    public static async Task<VendResult<GrantedCard>> ReadAsync(
        VendingContext context, OperatorSession session, Permission permission, ICardReader reader, CancellationToken cancellationToken)
    {
        var grant = Grant.Check(session, permission);
        if (!grant.Success)
        {
            return grant.Refusal;
        }

        var read = await ReadAsync(context, reader, cancellationToken);
        return read.Success ? new GrantedCard(grant.Value, read.Value) : read.Refusal;
    }

    /// <summary>As <see cref="ReadAsync(VendingContext, OperatorSession, Permission, ICardReader, CancellationToken)"/>, for a card that must be blank; <paramref name="purpose"/> says what the blank is for.</summary>
    public static async Task<VendResult<GrantedCard>> ReadBlankAsync(
        VendingContext context, OperatorSession session, Permission permission, ICardReader reader, string purpose, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(context, session, permission, reader, cancellationToken);
        if (!read.Success)
        {
            return read.Refusal;
        }

        var card = read.Value.Card;
        return card.IsBlank ? read.Value : Refuse.Card($"the card in the reader is a {card.Record.Kind} card; {purpose}");
    }

    /// <summary>Matches a user card to its open account (checks run in the order an operator would ask).</summary>
    public static VendResult<UserCard> MatchAccount(WriteScope scope, ReadCard card)
    {
        var (connection, transaction) = (scope.Connection, scope.Transaction);
        var record = card.Record;
        if (card.IsBlank)
        {
            return Refuse.Card("the card is blank");
        }

        if (record.Kind != CardKind.User)
        {
            return Refuse.Card($"this is a {record.Kind} card, not a user card");
        }

        var serial = (long)record.CardSerial.Value;
        // Locked until commit: another counter selling to this account waits here while this one records its pending write.
        var account = connection.QueryFirstOrDefault<AccountOnCard>(
            AccountOnCard.Select + " WHERE a.card_serial = @serial AND a.status = 'open'" + scope.LockRowsOf("a"), new { serial }, transaction);
        if (account is null)
        {
            var replaced = connection.QueryFirstOrDefault<string>("SELECT at FROM reissues WHERE old_serial = @serial", new { serial }, transaction);
            return replaced is not null
                ? Refuse.Card($"card {record.CardSerial} was replaced by a reissued card on {replaced[..10]} and is no longer valid")
                : Refuse.Card($"card {record.CardSerial} belongs to no open account");
        }

        // On a server this row may come from before a counter that held the account's lock committed its pending
        // write; the pending row's own insert (CardWriter) refuses then, with the same sentence.
        if (account.PendingOperation is { } operation)
        {
            return InProgress(account.Id, new PendingOn(operation, account.PendingOperator!, account.PendingSince!));
        }

        if ((long)record.CustomerNumber.Value != account.CardCustomer || Rows.Meter(record.MeterNumber) != account.MeterNumber || Rows.Group(record.SupplyGroup) != account.GroupCode)
        {
            return Refuse.Card($"card {record.CardSerial} says customer {record.CustomerNumber}, meter {record.MeterNumber}, which is not its account's");
        }

        var count = (long)record.PurchaseCount.Value;
        if (count < account.PurchaseCount)
        {
            return Refuse.Card($"an old copy of card {record.CardSerial}: it says purchase {count}, the account is at purchase {account.PurchaseCount}");
        }

        if (count > account.PurchaseCount)
        {
            return Refuse.Card($"card {record.CardSerial} says purchase {count}, beyond the account's {account.PurchaseCount}: a forged card or one from other books");
        }

        return new UserCard(card, account, IsSwiped(record)) { OpenChangeCard = account.OpenChangeCard };
    }

    /// <summary>
    /// What an operation that goes on from the account's last purchase checks on its card (a sale, an account transfer, a
    /// closing): the meter has loaded that purchase ("card not swiped" otherwise, with <paramref name="notSwiped"/> saying
    /// what it means for this operation); the meter is not ahead of the books (a sale cancelled after the meter had loaded
    /// it: the next purchase count would be one the meter has); no meter change is open on the meter; and, unless
    /// <paramref name="paymentsMayWait"/>, no partner payment waits for the card. <paramref name="doing"/> names the
    /// operation in the refusals ("selling", "transferring the account").
    /// </summary>
    public static Refusal? GoesOnFromLastPurchase(WriteScope scope, UserCard matched, string doing, string notSwiped, bool paymentsMayWait = false)
    {
        ArgumentNullException.ThrowIfNull(matched);
        var (card, account, swiped) = matched;
        var record = card.Record;
        if (!swiped)
        {
            return new Refusal(RefusalReason.CardNotSwiped, $"card not swiped — swipe it at the meter first (purchase {record.PurchaseCount} of {record.Purchase} is not loaded yet){notSwiped}");
        }

        if (record.ReturnWrite is { } loaded && loaded.MeterNumber == record.MeterNumber && loaded.LoadedCount.Value > account.PurchaseCount)
        {
            return Refuse.Conflict(
                $"meter {loaded.MeterNumber} has loaded purchase {loaded.LoadedCount}, but the books stop at purchase {account.PurchaseCount}: a sale was cancelled after the meter had loaded it "
                + $"(a power cut before the card was written back); nothing was done — reinstate that sale before {doing}");
        }

        if (matched.OpenChangeCard is { } changeCard)
        {
            return Refuse.Conflict($"a meter change is open for meter {account.MeterNumber} (meter-change card {changeCard}): complete it, or recycle the unused change card, before {doing}");
        }

        var waiting = paymentsMayWait ? 0 : scope.Scalar<long>("SELECT COUNT(*) FROM payments WHERE account_id = @Id AND status = 'credited'", new { account.Id });
        return waiting > 0
            ? Refuse.Conflict($"account {account.Id} has {waiting} partner payment(s) waiting for the card: collect them ('prepaid vend collect') before {doing}")
            : null;
    }

    /// <summary>The meter has loaded the card's purchase once its return-write names this meter at this count or later.</summary>
    public static bool IsSwiped(CardRecord record) =>
        record.PurchaseCount == PurchaseCount.Zero
        || (record.ReturnWrite is { } rw && rw.MeterNumber == record.MeterNumber && rw.LoadedCount >= record.PurchaseCount);

    /// <summary>Stores the meter's return-write (or a reading over the link) as a reading, once per meter time and source; 1 when stored, 0 when already there or the meter is not in the books.</summary>
    public static int RecordReading(WriteScope scope, ReturnWriteBlock block, ReadingSource source)
    {
        var time = Audit.OperationLog.Stamp(block.WrittenAt);
        var src = Rows.Lower(source);
        // One statement: the reading goes in for a meter the books know, unless this meter time and source are there already.
        return scope.Execute(
            """
            INSERT INTO readings (meter_id, source, loaded_count, remaining, credit_unit, cumulative_energy, status, meter_time, recorded_at, operator)
            SELECT m.id, @src, @loaded, @remaining, @unit, @energy, @status, @time, @at, @op FROM meters m
            WHERE m.number = @number AND NOT EXISTS (SELECT 1 FROM readings r WHERE r.meter_id = m.id AND r.meter_time = @time AND r.source = @src)
            """,
            new
            {
                number = Rows.Meter(block.MeterNumber), src, loaded = (long)block.LoadedCount.Value, remaining = block.Remaining.Hundredths, unit = Rows.Unit(block.Remaining.Unit),
                energy = block.CumulativeEnergy.Hundredths, status = (long)block.Status, time, at = scope.Stamp, op = scope.Operator,
            });
    }

    /// <summary>The card write in progress on the account, if any (at most one: a unique index).</summary>
    public static PendingOn? PendingOnAccount(WriteScope scope, long accountId) =>
        scope.First<PendingOn>("SELECT operation AS Operation, operator AS Operator, created_at AS CreatedAt FROM card_writes WHERE account_id = @accountId", new { accountId });

    public static Refusal InProgress(long accountId, PendingOn pending) =>
        // Most often another counter is writing this account's card this very moment (a copy of the card,
        // or the customer at two counters); otherwise a write was cut short and waits for recovery.
        new(RefusalReason.Unsettled,
            $"account {accountId} has a card write in progress ({pending.Operation} by operator '{pending.Operator}' since {pending.CreatedAt[..19].Replace('T', ' ')} UTC): "
            + "another counter may be writing its card right now — if none is, put that card in the reader and run 'prepaid vend recover'");

    internal sealed record PendingOn(string Operation, string Operator, string CreatedAt);
}
