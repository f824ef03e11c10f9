using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Pricing;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Sales;

/// <summary>
/// Selling (售电): a sale, its correction and its cancel. The card in the reader names the account.
/// A sale is refused while the card's last purchase is not loaded ("card not swiped"); a correction
/// or cancel is allowed only then, because once the meter has loaded a purchase it cannot be undone.
/// </summary>
public sealed partial class SaleService
{
    private readonly VendingContext _context;
    private readonly CardWriter _cards;

    internal SaleService(VendingContext context, CardWriter cards)
    {
        _context = context;
        _cards = cards;
    }

    public Task<VendResult<Receipt>> SellAsync(OperatorSession session, ICardReader reader, PurchaseRequest request, CancellationToken cancellationToken = default) =>
        SellAsync(session, reader, trial => trial.Price(request).Then<SaleChoice>(priced => new SaleChoice(priced, null)), cancellationToken);

    /// <summary>A sale on the card in the reader, of the amount <paramref name="choose"/> picks once the card, its account and the meter's last word are known.</summary>
    private async Task<VendResult<Receipt>> SellAsync(OperatorSession session, ICardReader reader, Func<SaleTrial, VendResult<SaleChoice>> choose, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var read = await CardInspector.ReadAsync(_context, session, Permission.Sales, reader, cancellationToken);
        if (!read.Success)
        {
            return read.Refusal;
        }

        var grant = read.Value.Grant;
        var card = read.Value.Card;
        var written = await _cards.RunAsync(grant, reader, scope =>
        {
            var matched = CardInspector.MatchAccount(scope, card);
            if (!matched.Success)
            {
                return matched.Refusal;
            }

            // Partner payments waiting do not stop a sale: they wait on for 'vend collect'.
            if (CardInspector.GoesOnFromLastPurchase(scope, matched.Value, "selling", "", paymentsMayWait: true) is { } refusal)
            {
                return refusal;
            }

            var account = matched.Value.Account;
            var record = card.Record;
            if (record.ReturnWrite is { } block)
            {
                CardInspector.RecordReading(scope, block, ReadingSource.ReturnWrite);
            }

            var trial = new SaleTrial(scope, card.Group!, account, record);
            var chosen = choose(trial);
            if (!chosen.Success)
            {
                return chosen.Refusal;
            }

            var sold = new PlainSaleWrite(trial.Group.Code, chosen.Value.Payments ?? []);
            var draft = new SaleRecords.SaleDraft(sold, account.Id, account.MeterId, record.PurchaseCount.Next(), record.CardSerial, chosen.Value.Priced, null);
            return SaleRecords.Pending(scope, trial.Group, card.Image, record, draft);
        }, cancellationToken);
        return CardWriter.ReceiptOf(written);
    }

    /// <summary>Replaces the amount of a sale whose card has not been swiped; the card is rewritten with the same purchase count.</summary>
    public async Task<VendResult<Receipt>> CorrectAsync(OperatorSession session, ICardReader reader, PurchaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var read = await CardInspector.ReadAsync(_context, session, Permission.SaleCorrection, reader, cancellationToken);
        if (!read.Success)
        {
            return read.Refusal;
        }

        var grant = read.Value.Grant;
        var card = read.Value.Card;
        var written = await _cards.RunAsync(grant, reader, scope =>
            Unswiped(scope, card, "corrected").Then<PendingWrite>(found =>
            {
                var (account, sale) = found;
                if (scope.Scalar<long>("SELECT COUNT(*) FROM payments WHERE applied_sale_id = @Id", new { sale.Id }) > 0)
                {
                    return Refuse.Conflict($"sale {sale.Id} wrote partner payments to the card; its amount is theirs and cannot be corrected — cancel it, and the payments wait for the next visit again");
                }

                var group = card.Group!;
                var priced = SalePricing.Price(scope, group, account, request, Money.FromHundredths(sale.ArrearsCollected));
                if (!priced.Success)
                {
                    return priced.Refusal;
                }

                var previousRemaining = card.Record.ReturnWrite?.Remaining.Hundredths ?? 0;
                if (SaleRecords.OverLimit(group, priced.Value.Credit, previousRemaining) is { } overLimit)
                {
                    return overLimit;
                }

                var draft = new SaleRecords.SaleDraft(new CorrectionWrite(group.Code), account.Id, account.MeterId, card.Record.PurchaseCount,
                    card.Record.CardSerial, priced.Value, sale.Id);
                return SaleRecords.Pending(scope, group, card.Image, card.Record, draft);
            }), cancellationToken);
        return CardWriter.ReceiptOf(written);
    }

    /// <summary>Cancels a sale whose card has not been swiped: the card goes back to the purchase before, the money is refunded.</summary>
    public async Task<VendResult<Receipt>> CancelAsync(OperatorSession session, ICardReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var read = await CardInspector.ReadAsync(_context, session, Permission.SaleCorrection, reader, cancellationToken);
        if (!read.Success)
        {
            return read.Refusal;
        }

        var grant = read.Value.Grant;
        var card = read.Value.Card;
        var written = await _cards.RunAsync(grant, reader, scope =>
            Unswiped(scope, card, "cancelled").Then<PendingWrite>(found =>
            {
                var (account, sale) = found;
                var previousCount = PurchaseCount.From(checked((uint)(sale.PurchaseCount - 1)));
                var before = scope.First<SaleRow>(
                    SaleRow.Select + " WHERE s.account_id = @Id AND s.meter_id = @MeterId AND s.purchase_count = @count AND s.status = 'committed' ORDER BY s.id DESC LIMIT 1",
                    new { account.Id, account.MeterId, count = (long)previousCount.Value });
                var record = card.Record with { PurchaseCount = previousCount, Purchase = new(card.Record.CreditUnit, before?.Credit ?? 0) };
                var group = card.Group!;
                return CardImages.Encode(group, record, card.Image).Then<PendingWrite>(image =>
                    new PendingWrite(account.Id, sale.Id, card.Record.CardSerial, card.Image, image, new CancelWrite(group.Code), group));
            }), cancellationToken);
        return CardWriter.ReceiptOf(written);
    }

    /// <summary>The account and its current sale, when the card has not been swiped and the sale may still change.</summary>
    private static VendResult<(AccountRow Account, SaleRow Sale)> Unswiped(WriteScope scope, ReadCard card, string verb)
    {
        var matched = CardInspector.MatchAccount(scope, card);
        if (!matched.Success)
        {
            return matched.Refusal;
        }

        var (_, account, swiped) = matched.Value;
        if (swiped)
        {
            return Refuse.Conflict($"the card was swiped: the meter has loaded purchase {card.Record.PurchaseCount}, so the sale can no longer be {verb}");
        }

        var sale = SaleRecords.Current(scope, account);
        if (sale is null || Rows.Enum<SaleKind>(sale.Kind) == SaleKind.Transfer)
        {
            return Refuse.Conflict($"purchase {account.PurchaseCount} on account {account.Id} is a meter-change transfer or has no sale; it cannot be {verb}");
        }

        // A reissued card repeats the purchase of the card it replaced; that card may have been swiped
        // without coming back, so only the card the sale was written to can take it back.
        if (sale.CardSerial != (long)card.Record.CardSerial.Value)
        {
            return Refuse.Conflict($"purchase {account.PurchaseCount} was sold onto card {sale.CardSerial:D8}, since replaced, which may have been swiped; it cannot be {verb}");
        }

        return (account, sale);
    }
}
