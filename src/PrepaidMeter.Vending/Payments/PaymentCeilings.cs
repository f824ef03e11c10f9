using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Pricing;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Payments;

/// <summary>
/// What a partner's payment may not pass when it is taken: the partner's own ceiling on one payment
/// (<c>partners.max_amount</c>), and the account's purchase limit, for the payment alone and with what
/// already waits for the account. A payment the card could never take would otherwise wait for ever,
/// and a sum of them would overflow the money it is written as.
/// </summary>
internal static class PaymentCeilings
{
    /// <summary>The refusal (HTTP 422) for a payment over the partner's ceiling, or null.</summary>
    public static Refusal? OverPartner(string partner, long? maxHundredths, Money amount) =>
        maxHundredths is { } max && amount.Hundredths > max
            ? new Refusal(RefusalReason.OverPurchaseLimit, $"{amount} is over {partner}'s ceiling of {Money.FromHundredths(max)} a payment")
            : null;

    /// <summary>
    /// The refusal for a payment that passes the account's purchase limit, alone or with the payments already waiting for
    /// the account (<paramref name="paymentId"/>, the payment just inserted, left out of them); or null. The caller holds the
    /// account's row lock, so two payments for one account are checked one after the other. Read as the scope's operation runs.
    /// </summary>
    public static async ValueTask<Refusal?> OverAccountAsync(WriteScope scope, long accountId, long paymentId, Money amount)
    {
        var account = (await scope.FirstAsync<AccountRow>(AccountRow.Select + " WHERE a.id = @accountId", new { accountId }))!;
        var group = (await scope.FirstAsync<GroupRow>("SELECT * FROM supply_groups WHERE code = @GroupCode", new { account.GroupCode }))!;
        // Summed here, wide: SQLite's SUM fails on overflow, and payments taken before these ceilings may be as large as money goes.
        var waiting = (await scope.QueryAsync<long>("SELECT amount FROM payments WHERE account_id = @accountId AND status = 'credited' AND id <> @paymentId", new { accountId, paymentId }))
            .Aggregate(Int128.Zero, (sum, hundredths) => sum + hundredths);
        var total = waiting + amount.Hundredths;
        var limit = await LimitInMoney(scope, group, account);
        if (!limit.Success)
        {
            return limit.Refusal;
        }

        if (limit.Value is not (var ceiling, var named))
        {
            return total > Money.MaxHundredths
                ? new Refusal(RefusalReason.OverPurchaseLimit, $"{Waiting(waiting, accountId)}; with {amount} it would pass the largest amount of money the books hold, {Money.MaxValue}")
                : null;
        }

        if (amount > ceiling)
        {
            return new Refusal(RefusalReason.OverPurchaseLimit, $"{amount} is over the purchase limit of account {accountId}, {named}");
        }

        return total > ceiling.Hundredths
            ? new Refusal(RefusalReason.OverPurchaseLimit, $"{Waiting(waiting, accountId)}; with {amount} it would pass its purchase limit, {named}")
            : null;
    }

    private static string Waiting(Int128 waiting, long accountId) =>
        $"{(waiting > Money.MaxHundredths ? "more than " + Money.MaxValue : Money.FromHundredths((long)waiting).ToString())} already waits for account {accountId}";

    /// <summary>
    /// The supply group's purchase limit in money, and how to name it; null when the group has none (0). A money limit is
    /// itself. An energy limit is the most money whose energy, priced as `vend collect` will price a money sale of it (at the
    /// account's price in force now, tiers counting this month's sales), is within the limit: so a payment taken alone is
    /// never refused at the card for the limit, unless the price or what the meter holds has changed by then.
    /// </summary>
    private static async ValueTask<VendResult<(Money Ceiling, string Named)?>> LimitInMoney(WriteScope scope, GroupRow group, AccountRow account)
    {
        if (group.PurchaseLimit <= 0)
        {
            return ((Money, string)?)null;
        }

        if (group.Unit == CreditUnit.Money)
        {
            var money = Money.FromHundredths(group.PurchaseLimit);
            return ((Money, string)?)(money, money.ToString());
        }

        // Energy or volume: the limit is converted at the account's price.
        var limit = group.Amount(group.PurchaseLimit);
        var request = group.Unit == CreditUnit.Volume
            ? PurchaseRequest.ForVolume(Volume.FromHundredths(group.PurchaseLimit))
            : PurchaseRequest.ForEnergy(Energy.FromHundredths(group.PurchaseLimit));
        var cost = await SalePricing.PriceAsync(scope, group, account, request, arrears: Money.Zero);
        if (!cost.Success)
        {
            return Refuse.Conflict($"account {account.Id}'s purchase limit is {limit} and its price cannot convert a payment to {limit.Unit.Name()} now ({cost.Refusal.Message}); nothing was taken");
        }

        // The limit's cost is rounded to the cent, so that much money may buy a little more than the limit (where a hundredth
        // of the unit costs under half a cent); a cent less cannot even buy the limit, whose own cost is more: at most one step.
        var ceiling = cost.Value.Money;
        while (ceiling.Hundredths > 0
            && await SalePricing.PriceAsync(scope, group, account, PurchaseRequest.ForMoney(ceiling), arrears: Money.Zero) is { Success: true } bought
            && bought.Value.Credit.Hundredths > group.PurchaseLimit)
        {
            ceiling -= Money.FromHundredths(1);
        }

        return ((Money, string)?)(ceiling, $"{limit}, {ceiling} at the price in force");
    }
}
