using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;

namespace PrepaidMeter.Vending.Sales;

/// <summary>
/// What a sale of a request would be on the card in the reader, asked before the clerk confirms it: the credit that goes on the
/// card, the money asked (the arrears collected in it), the price of the next unit. Nothing is recorded and the card is not written.
/// </summary>
public sealed record SaleQuote(long AccountId, CreditAmount Credit, Energy Energy, Money Money, Money ArrearsCollected, UnitPrice UnitPrice)
{
    /// <summary>What the clerk confirms of this quote: whose card, how much credit, for how much money.</summary>
    public QuotedSale Confirmed => new(AccountId, Credit.Hundredths, Money);

    /// <summary>What the customer pays for the credit itself (the money less the arrears collected first).</summary>
    public Money ForCredit => Money - ArrearsCollected;
}

/// <summary>A quote as the clerk confirmed it (<see cref="SaleService.SellAsQuotedAsync"/>): the account whose card was priced, the credit in hundredths of its unit, the money.</summary>
public sealed record QuotedSale(long AccountId, long CreditHundredths, Money Money);

public sealed partial class SaleService
{
    /// <summary>
    /// The sale of <paramref name="request"/> as <paramref name="quoted"/> showed it: refused (nothing written) when the card in the
    /// reader is another account's now, or the sale would ask another sum (a price or arrears changed in between) — what a
    /// clerk confirmed is what is sold.
    /// </summary>
    public Task<VendResult<Receipt>> SellAsQuotedAsync(OperatorSession session, ICardReader reader, PurchaseRequest request, QuotedSale quoted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(quoted);
        return SellAsync(session, reader, trial =>
        {
            if (trial.Account.Id != quoted.AccountId)
            {
                return Refuse.Conflict($"the card in the reader is account {trial.Account.Id}'s, not account {quoted.AccountId}'s that was priced; nothing was sold: price it again");
            }

            return trial.Price(request).Then<SaleChoice>(priced => priced.Money != quoted.Money || priced.Credit.Hundredths != quoted.CreditHundredths
                ? Refuse.Conflict($"the sale now comes to {priced.Money} for {priced.Credit}, not the {quoted.Money} priced; nothing was sold: price it again")
                : new SaleChoice(priced, null));
        }, cancellationToken);
    }

    /// <summary>
    /// The sale <see cref="SellAsync(OperatorSession, ICardReader, PurchaseRequest, CancellationToken)"/> would make, by the same rules in
    /// the same order (the card read, its account, its last purchase swiped, the price in force with arrears first, the purchase
    /// limit on top of what the meter last held), inside a transaction that is rolled back: a refusal here is the refusal the sale
    /// would give, and a quote is what it would settle on unless the books move in between (another counter's sale, a new price).
    /// </summary>
    public async Task<VendResult<SaleQuote>> QuoteAsync(OperatorSession session, ICardReader reader, PurchaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var read = await CardInspector.ReadAsync(_context, session, Permission.Sales, reader, cancellationToken);
        if (!read.Success)
        {
            return read.Refusal;
        }

        var card = read.Value.Card;
        SaleQuote? quote = null;
        var tried = _context.Write<SaleQuote>(read.Value.Grant, scope =>
        {
            var matched = CardInspector.MatchAccount(scope, card);
            if (!matched.Success)
            {
                return matched.Refusal;
            }

            if (CardInspector.GoesOnFromLastPurchase(scope, matched.Value, "selling", "", paymentsMayWait: true) is { } refusal)
            {
                return refusal;
            }

            var trial = new SaleTrial(scope, card.Group!, matched.Value.Account, card.Record);
            var priced = trial.Price(request);
            if (!priced.Success)
            {
                return priced.Refusal;
            }

            var p = priced.Value;
            if (trial.FitsCard(p) is { } tooLarge)
            {
                return tooLarge;
            }

            quote = new SaleQuote(matched.Value.Account.Id, p.Credit, p.Energy, p.Money, p.ArrearsCollected, p.MarginalPrice);
            // Refused on purpose, so that the transaction the pricing ran in is rolled back: a quote records nothing.
            return Refuse.Conflict("a quote records nothing");
        });
        return quote is { } found ? found : tried;
    }
}
