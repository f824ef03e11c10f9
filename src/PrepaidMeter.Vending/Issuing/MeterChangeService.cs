using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Vending.Accounts;
using PrepaidMeter.Vending.Books;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Pricing;
using PrepaidMeter.Vending.Sales;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Issuing;

/// <summary>
/// Meter change (换表) in two visits: a meter-change card is issued for the old meter; the meter writes
/// its remaining credit onto it and gives the credit up; at the counter the credit, minus the new
/// meter's preset, goes onto the user card as the new meter's first purchase. Administrators only.
/// </summary>
public sealed class MeterChangeService
{
    private readonly VendingContext _context;
    private readonly CardWriter _cards;

    internal MeterChangeService(VendingContext context, CardWriter cards)
    {
        _context = context;
        _cards = cards;
    }

    /// <summary>
    /// Writes a meter-change card for the account's meter on the blank in <paramref name="reader"/>. The
    /// customer's user card (in <paramref name="userCardReader"/>) must show its last purchase loaded: the
    /// change card empties the old meter, so a purchase still on the user card would have nowhere to go.
    /// </summary>
    public async Task<VendResult<CardRecord>> IssueChangeCardAsync(
        OperatorSession session, ICardReader reader, ICardReader userCardReader, long accountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var blank = await CardInspector.ReadBlankAsync(_context, session, Permission.MeterChange, reader, "a meter-change card is written on a blank card", cancellationToken);
        if (!blank.Success)
        {
            return blank.Refusal;
        }

        var grant = blank.Value.Grant;
        var user = await CardInspector.ReadAsync(_context, userCardReader, cancellationToken);
        if (!user.Success)
        {
            return user.Refusal;
        }

        CardRecord? issued = null;
        var written = await _cards.RunAsync(grant, reader, scope =>
        {
            if (AccountService.Find(scope.Connection, scope.Transaction, accountId) is not { } account)
            {
                return Refuse.NotFound($"no open account {accountId}");
            }

            var matched = CardInspector.MatchAccount(scope, user.Value);
            if (!matched.Success)
            {
                return matched.Refusal;
            }

            if (matched.Value.Account.Id != account.Id)
            {
                return Refuse.Card($"the user card is account {matched.Value.Account.Id}'s, not account {account.Id}'s");
            }

            if (!matched.Value.Swiped)
            {
                return new Refusal(RefusalReason.CardNotSwiped,
                    $"card not swiped — load the user card's purchase {user.Value.Record.PurchaseCount} into meter {account.MeterNumber} first: the meter-change card takes all the meter's credit");
            }

            var group = SupplyGroupService.Find(scope.Connection, scope.Transaction, Rows.Group(account.GroupCode))!;
            var serial = CardImages.NextSerial(scope);
            issued = new CardRecord
            {
                Kind = CardKind.MeterChange,
                Layout = group.Layout,
                CreditUnit = group.Unit,
                SupplyGroup = Rows.Group(group.Code),
                MeterNumber = Rows.Meter(account.MeterNumber),
                CustomerNumber = CustomerNumber.From(checked((ulong)account.CardCustomer)),
                CardSerial = serial,
            };
            var operation = new MeterChangeCardWrite(group.Code, account.MeterNumber, $"meter-change card for meter {account.MeterNumber}, account {account.Id}");
            return CardImages.Encode(group, issued, blank.Value.Card.Image).Then<PendingWrite>(image => new PendingWrite(null, null, serial, blank.Value.Card.Image, image, operation, group));
        }, cancellationToken);
        return written.Success ? issued! : written.Refusal;
    }

    /// <summary>The serial of a meter-change card written for <paramref name="meterNumber"/> whose change is neither completed nor abandoned (its card recycled).</summary>
    internal static long? OpenChangeCard(WriteScope scope, string meterNumber) =>
        scope.Scalar<long?>(Rows.OpenChangeCard("@meterNumber"), new { meterNumber });

    /// <summary>Reads the meter-change card the old meter wrote back, installs the new meter and writes the credit onto the user card.</summary>
    public async Task<VendResult<Receipt>> CompleteAsync(
        OperatorSession session, ICardReader changeCardReader, ICardReader userCardReader, MeterNumber newMeter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var change = await CardInspector.ReadAsync(_context, session, Permission.MeterChange, changeCardReader, cancellationToken);
        if (!change.Success)
        {
            return change.Refusal;
        }

        var grant = change.Value.Grant;
        var changeCard = change.Value.Card.Record;
        if (changeCard.Kind != CardKind.MeterChange)
        {
            return Refuse.Card($"the first card is a {changeCard.Kind} card, not a meter-change card");
        }

        if (changeCard.ReturnWrite is not { } block || block.MeterNumber != changeCard.MeterNumber)
        {
            return Refuse.Card($"the meter-change card has not been inserted in meter {changeCard.MeterNumber} yet: it carries no credit");
        }

        var user = await CardInspector.ReadAsync(_context, userCardReader, cancellationToken);
        if (!user.Success)
        {
            return user.Refusal;
        }

        var written = await _cards.RunAsync(grant, userCardReader, scope =>
        {
            var matched = CardInspector.MatchAccount(scope, user.Value);
            if (!matched.Success)
            {
                return matched.Refusal;
            }

            var (_, account, swiped) = matched.Value;
            if (Rows.Meter(changeCard.MeterNumber) != account.MeterNumber)
            {
                return Refuse.Card($"the meter-change card is for meter {changeCard.MeterNumber}; the account's meter is {account.MeterNumber} (a change card works once)");
            }

            if (!swiped)
            {
                return new Refusal(RefusalReason.CardNotSwiped, $"card not swiped — the user card's purchase {user.Value.Record.PurchaseCount} must be loaded into the old meter before the change");
            }

            if (MeterService.Find(scope.Connection, scope.Transaction, newMeter) is not { } meterRow)
            {
                return Refuse.NotFound($"no meter {newMeter}");
            }

            if (Rows.Enum<MeterStatus>(meterRow.Status) != MeterStatus.Stock || meterRow.GroupCode != account.GroupCode)
            {
                return Refuse.Conflict($"meter {newMeter} is {meterRow.Status} in group {meterRow.GroupCode}; the new meter must come from stock in group {account.GroupCode}");
            }

            var group = SupplyGroupService.Find(scope.Connection, scope.Transaction, Rows.Group(account.GroupCode))!;
            var energyOf = TransferredEnergy(group);
            CardInspector.RecordReading(scope, block, ReadingSource.ReturnWrite);
            var transferred = block.Remaining.Hundredths;
            var credited = Math.Max(0, transferred - group.Preset);
            var energy = energyOf(credited);
            var priced = new PricedPurchase(group.Amount(credited), energy, Money.Zero, Money.Zero, null, UnitPrice.Zero);
            var record = user.Value.Record with { MeterNumber = newMeter, ReturnWrite = null };
            var draft = new SaleRecords.SaleDraft(new TransferSaleWrite(group.Code, account.MeterId, transferred, group.Preset), account.Id, meterRow.Id, PurchaseCount.From(1),
                record.CardSerial, priced, null);
            return SaleRecords.Pending(scope, group, user.Value.Image, record, draft);
        }, cancellationToken);
        return CardWriter.ReceiptOf(written);
    }

    /// <summary>
    /// The energy column of the transfer's sale row (what tiers and reports count as kWh sold) for credit moved in the
    /// group's unit: the credit itself for an energy group; none for money, nor for water or gas, whose m³ moved are the
    /// credit itself (the old meter's volume at the current price is that volume again: one group, one unit).
    /// </summary>
    private static Func<long, Energy> TransferredEnergy(GroupRow group) => group.Unit switch
    {
        CreditUnit.Energy => Energy.FromHundredths,
        CreditUnit.Money or CreditUnit.Volume => _ => Energy.Zero,
        _ => throw new InvalidOperationException($"Supply group {group.Code} has no credit unit ({(byte)group.Unit})."),
    };
}
