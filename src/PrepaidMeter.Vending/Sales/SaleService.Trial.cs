using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Pricing;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Sales;

public sealed partial class SaleService
{
    /// <summary>The amount a sale settles on: its priced purchase, and the partner payments it writes (none for a counter sale).</summary>
    private sealed record SaleChoice(PricedPurchase Priced, IReadOnlyList<long>? Payments);

    /// <summary>
    /// Amounts tried for the sale on one card, inside its transaction: priced at the price in force (arrears first), against
    /// the purchase limit alone and on top of what the meter last held, and — on request — against what the card can hold.
    /// A counter sale tries one amount; a collection tries one sum after another to find the payments that fit.
    /// </summary>
    private sealed class SaleTrial(WriteScope scope, GroupRow group, AccountRow account, CardRecord card)
    {
        public WriteScope Scope => scope;

        public GroupRow Group => group;

        public AccountRow Account => account;

        public VendResult<PricedPurchase> Price(PurchaseRequest request)
        {
            var priced = SalePricing.Price(scope, group, account, request, Money.FromHundredths(account.Arrears));
            if (!priced.Success)
            {
                return priced.Refusal;
            }

            var remaining = card.ReturnWrite?.Remaining.Hundredths ?? 0;
            return SaleRecords.OverLimit(group, priced.Value.Credit, remaining) is { } overLimit ? overLimit : priced;
        }

        /// <summary>
        /// The refusal <see cref="SaleRecords.Pending"/> would give for a purchase the card's fields cannot hold, asked before a
        /// payment is chosen, so that one payment too large for the card is left waiting instead of refusing them all.
        /// </summary>
        public Refusal? FitsCard(PricedPurchase priced)
        {
            var layout = GroupLayouts.Of(group);
            var next = card with
            {
                PurchaseCount = card.PurchaseCount.Next(),
                Purchase = new(card.CreditUnit, priced.Credit.Hundredths), // in the card's own unit, as SaleRecords.Pending writes it
                Price = layout.CarriesPrice ? priced.MarginalPrice : null,
            };
            var encoded = layout.Encode(next, GroupKeys.Of(group), out _);
            return encoded.Success ? null : Refuse.Invalid($"the purchase does not fit the card: {encoded.Problem}");
        }
    }
}
