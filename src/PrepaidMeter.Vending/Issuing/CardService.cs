using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Accounts;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Sales;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Issuing;

/// <summary>What a card in the reader says, and what the books say about it.</summary>
public sealed record CardView(CardRecord Record, Account? Account, bool? Swiped, string Summary);

/// <summary>
/// Card work beside selling: reading a card, reissuing a lost or broken one (补卡), tool cards (set,
/// clear, zero, check, test), recycling cards to blank, and taking meter readings from cards.
/// </summary>
public sealed class CardService
{
    private const string NeedsBlank = "this needs a blank card (recycle it first)";

    private readonly VendingContext _context;
    private readonly CardWriter _cards;

    internal CardService(VendingContext context, CardWriter cards)
    {
        _context = context;
        _cards = cards;
    }

    /// <summary>Reads the card and says whose it is and whether its purchase is loaded; records its return-write as a reading.</summary>
    public async Task<VendResult<CardView>> InspectAsync(OperatorSession session, ICardReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var read = await CardInspector.ReadAsync(_context, session, Permission.Queries, reader, cancellationToken);
        if (!read.Success)
        {
            return read.Refusal;
        }

        var grant = read.Value.Grant;
        var card = read.Value.Card;
        if (card.IsBlank || card.Record.Kind != CardKind.User)
        {
            return new CardView(card.Record, null, null, card.IsBlank ? "a blank card" : $"a {card.Record.Kind} card of supply group {card.Record.SupplyGroup}");
        }

        return _context.Write<CardView>(grant, scope =>
        {
            if (card.Record.ReturnWrite is { } block)
            {
                CardInspector.RecordReading(scope, block, ReadingSource.ReturnWrite);
            }

            var matched = CardInspector.MatchAccount(scope, card);
            if (!matched.Success)
            {
                return new CardView(card.Record, null, null, matched.Refusal.Message);
            }

            var (_, account, swiped) = matched.Value;
            return new CardView(card.Record, account.ToModel(), swiped, swiped
                ? $"card of account {account.Id}; purchase {card.Record.PurchaseCount} is loaded, a new sale is allowed"
                : $"card of account {account.Id}; purchase {card.Record.PurchaseCount} of {card.Record.Purchase} is not loaded yet — swipe it at the meter");
        });
    }

    /// <summary>Writes a new card (the blank in the reader) for the account, under a new serial; the old card is refused from then on.</summary>
    public async Task<VendResult<Account>> ReissueAsync(OperatorSession session, ICardReader reader, long accountId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var read = await CardInspector.ReadBlankAsync(_context, session, Permission.Reissue, reader, NeedsBlank, cancellationToken);
        if (!read.Success)
        {
            return read.Refusal;
        }

        var grant = read.Value.Grant;
        var written = await _cards.RunAsync(grant, reader, scope =>
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                return Refuse.Invalid("a reissue needs a reason (lost, broken, ...)");
            }

            if (AccountService.Find(scope.Connection, scope.Transaction, accountId) is not { } account)
            {
                return Refuse.NotFound($"no open account {accountId}");
            }

            var group = SupplyGroupService.Find(scope.Connection, scope.Transaction, Rows.Group(account.GroupCode))!;
            var serial = CardImages.NextSerial(scope);

            // The new card repeats the last purchase under its count: a meter that loaded it ignores it, one that did not loads it once.
            var current = SaleRecords.Current(scope, account);
            var record = new CardRecord
            {
                Kind = CardKind.User,
                Layout = group.Layout,
                CreditUnit = group.Unit,
                SupplyGroup = Rows.Group(group.Code),
                MeterNumber = Rows.Meter(account.MeterNumber),
                CustomerNumber = CustomerNumber.From(checked((ulong)account.CardCustomer)),
                CardSerial = serial,
                PurchaseCount = PurchaseCount.From(checked((uint)account.PurchaseCount)),
                Purchase = new(group.Unit, current?.Credit ?? 0),
            };
            var operation = new ReissueWrite(group.Code, (long)serial.Value, account.CardSerial, account.PurchaseCount, reason);
            return CardImages.Encode(group, record, read.Value.Card.Image).Then<PendingWrite>(image => new PendingWrite(account.Id, null, serial, read.Value.Card.Image, image, operation, group));
        }, cancellationToken);
        if (!written.Success)
        {
            return written.Refusal;
        }

        using var connection = _context.Database.Open();
        return AccountService.Find(connection, null, accountId)!.ToModel();
    }

    /// <summary>Writes a set, clear, zero, check or test card for a supply group; meter 0 means any meter of the group.</summary>
    public async Task<VendResult<CardRecord>> IssueToolCardAsync(
        OperatorSession session, ICardReader reader, CardKind kind, SupplyGroupCode groupCode, MeterNumber meter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (kind is not (CardKind.Set or CardKind.Clear or CardKind.Zero or CardKind.Check or CardKind.Test))
        {
            return Refuse.Invalid($"a tool card is set, clear, zero, check or test, not {kind} (meter-change cards come from a meter change)");
        }

        var read = await CardInspector.ReadBlankAsync(_context, session, Permission.ToolCards, reader, NeedsBlank, cancellationToken);
        if (!read.Success)
        {
            return read.Refusal;
        }

        var grant = read.Value.Grant;
        CardRecord? issued = null;
        var written = await _cards.RunAsync(grant, reader, scope =>
        {
            if (SupplyGroupService.Find(scope.Connection, scope.Transaction, groupCode) is not { } group)
            {
                return Refuse.NotFound($"no supply group {groupCode}");
            }

            if (meter != default && MeterService.Find(scope.Connection, scope.Transaction, meter) is not { } known)
            {
                return Refuse.NotFound($"no meter {meter}");
            }

            var serial = CardImages.NextSerial(scope);
            issued = new CardRecord
            {
                Kind = kind,
                Layout = group.Layout,
                CreditUnit = group.Unit,
                SupplyGroup = groupCode,
                MeterNumber = meter,
                CardSerial = serial,
                Parameters = kind == CardKind.Set ? SupplyGroupService.Parameters(group) : null,
            };
            var summary = $"{kind} card for {(meter == default ? "any meter" : $"meter {meter}")} of group {group.Code}";
            var operation = new ToolCardWrite(group.Code, kind, Rows.Meter(meter), summary);
            return CardImages.Encode(group, issued, read.Value.Card.Image).Then<PendingWrite>(image => new PendingWrite(null, null, serial, read.Value.Card.Image, image, operation, group));
        }, cancellationToken);
        return written.Success ? issued! : written.Refusal;
    }

    /// <summary>Wipes a tool card or a replaced user card back to blank; a live user card is refused.</summary>
    public async Task<VendResult<CardSerial>> RecycleAsync(OperatorSession session, ICardReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var read = await CardInspector.ReadAsync(_context, session, Permission.ToolCards, reader, cancellationToken);
        if (!read.Success)
        {
            return read.Refusal;
        }

        var grant = read.Value.Grant;
        var card = read.Value.Card;
        if (card.IsBlank)
        {
            return Refuse.Conflict("the card is blank already");
        }

        var written = await _cards.RunAsync(grant, reader, scope =>
        {
            if (card.Record.Kind is CardKind.User or CardKind.MeterChange
                && scope.Scalar<long>("SELECT COUNT(*) FROM accounts WHERE card_serial = @serial AND status = 'open'", new { serial = (long)card.Record.CardSerial.Value }) > 0)
            {
                return Refuse.Conflict($"card {card.Record.CardSerial} is the live card of an open account; it cannot be recycled");
            }

            // A change card that took its meter's credit carries it until the change is completed: wiping it would lose the credit.
            if (card.Record.Kind == CardKind.MeterChange && card.Record.ReturnWrite is { } taken && taken.MeterNumber == card.Record.MeterNumber
                && MeterChangeService.OpenChangeCard(scope, Rows.Meter(card.Record.MeterNumber)) == (long)card.Record.CardSerial.Value)
            {
                return Refuse.Conflict($"meter-change card {card.Record.CardSerial} carries meter {card.Record.MeterNumber}'s credit ({taken.Remaining}); complete the change first");
            }

            var operation = new RecycleWrite(card.Group!.Code, $"{card.Record.Kind} card {card.Record.CardSerial} of group {card.Record.SupplyGroup} wiped to blank");
            return new PendingWrite(null, null, card.Record.CardSerial, card.Image, card.Layout!.NewImage(), operation, card.Group);
        }, cancellationToken);
        return written.Success ? card.Record.CardSerial : written.Refusal;
    }

    /// <summary>Records the reading a check card (or any card with a return-write) brings back from a meter.</summary>
    public async Task<VendResult<MeterReading>> TakeReadingAsync(OperatorSession session, ICardReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var read = await CardInspector.ReadAsync(_context, session, Permission.Readings, reader, cancellationToken);
        if (!read.Success)
        {
            return read.Refusal;
        }

        var grant = read.Value.Grant;
        if (read.Value.Card.Record.ReturnWrite is not { } block)
        {
            return Refuse.Card($"the {read.Value.Card.Record.Kind} card carries no reading: the meter has not written it back");
        }

        var source = read.Value.Card.Record.Kind == CardKind.Check ? ReadingSource.CheckCard : ReadingSource.ReturnWrite;
        return _context.Write<MeterReading>(grant, scope =>
        {
            if (MeterService.Find(scope.Connection, scope.Transaction, block.MeterNumber) is null)
            {
                return Refuse.NotFound($"the card was written back by meter {block.MeterNumber}, which is not in the books");
            }

            CardInspector.RecordReading(scope, block, source);
            scope.Log("reading", block.MeterNumber.ToString(), $"{source}: loaded {block.LoadedCount}, remaining {block.Remaining}, energy {block.CumulativeEnergy}");
            return new MeterReading(block.MeterNumber, source, block.LoadedCount, block.Remaining, block.CumulativeEnergy, (ushort)block.Status, block.WrittenAt, scope.Now);
        });
    }
}
