using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Payments;
using PrepaidMeter.Vending.Pricing;
using PrepaidMeter.Vending.Security;

namespace PrepaidMeter.Vending.Sales;

public sealed partial class SaleService
{
    /// <summary>
    /// Writes the payments partners took for the account (and not yet written) onto the card in the reader: a money sale of
    /// their sum, arrears first as at the counter; the payments written are marked applied with it. Payments that cannot be
    /// written with the others — their sum over the purchase limit (on top of what the meter last held), more than the card
    /// holds, beyond the largest amount of money — are left waiting, oldest first kept: each is added, oldest first, only if
    /// the sum with it still makes a sale. Refused, with every payment and why, when none fits.
    /// </summary>
    public async Task<VendResult<PaymentCollection>> CollectPaymentsAsync(OperatorSession session, ICardReader reader, CancellationToken cancellationToken = default)
    {
        List<PaymentLeftWaiting> left = [];
        var sold = await SellAsync(session, reader, trial => ChoosePayments(trial, left), cancellationToken);
        return sold.Success ? new PaymentCollection(sold.Value, [.. left]) : sold.Refusal;
    }

    private static VendResult<SaleChoice> ChoosePayments(SaleTrial trial, List<PaymentLeftWaiting> left)
    {
        left.Clear();
        var waiting = PaymentService.OutstandingRows(trial.Scope, trial.Account.Id);
        if (waiting.Count == 0)
        {
            return Refuse.NotFound($"no partner payment waits for account {trial.Account.Id}");
        }

        List<PaymentService.PaymentRow> chosen = [];
        var total = 0L;
        PricedPurchase? priced = null;
        RefusalReason? reason = null;
        foreach (var payment in waiting)
        {
            // Both are at most Money.MaxHundredths, so this difference cannot overflow; their sum could pass what money holds.
            if (payment.Amount > Money.MaxHundredths - total)
            {
                reason ??= RefusalReason.OverPurchaseLimit;
                left.Add(LeftWaiting(payment, $"with it the sum would pass the largest amount of money, {Money.MaxValue}"));
                continue;
            }

            var sum = Money.FromHundredths(total + payment.Amount);
            if (sum.Hundredths <= trial.Account.Arrears)
            {
                // Not more than the arrears, which are collected first: it buys nothing yet, but the next payment may make a sale of it.
                chosen.Add(payment);
                total = sum.Hundredths;
                continue;
            }

            var tried = trial.Price(PurchaseRequest.ForMoney(sum)).Then<PricedPurchase>(p => trial.FitsCard(p) is { } tooLarge ? tooLarge : p);
            if (!tried.Success)
            {
                reason ??= tried.Refusal.Reason;
                left.Add(LeftWaiting(payment, $"with it the sale would be {sum}: {tried.Refusal.Message}"));
                continue;
            }

            chosen.Add(payment);
            total = sum.Hundredths;
            priced = tried.Value;
        }

        if (priced is { } sale)
        {
            return new SaleChoice(sale, [.. chosen.Select(p => p.Id)]);
        }

        // Nothing made a sale. Payments kept while their sum did not pass the arrears wait too, for the reason that sum gives.
        if (chosen.Count > 0)
        {
            var shortOf = trial.Price(PurchaseRequest.ForMoney(Money.FromHundredths(total))).Refusal
                ?? throw new InvalidOperationException($"payments summing {total} priced a sale when tried again");
            reason ??= shortOf.Reason;
            left.AddRange(chosen.Select(p => LeftWaiting(p, shortOf.Message)));
        }

        var all = left.OrderBy(p => p.PaymentId).ToList();
        left.Clear();
        return new Refusal(reason ?? RefusalReason.Invalid, $"nothing was written to the card: {PaymentCollection.Describe(all)}");
    }

    private static PaymentLeftWaiting LeftWaiting(PaymentService.PaymentRow payment, string why) =>
        new(payment.Id, payment.Partner, payment.IdempotencyKey, Money.FromHundredths(payment.Amount), why);
}
