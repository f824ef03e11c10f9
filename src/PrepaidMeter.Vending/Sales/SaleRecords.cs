using PrepaidMeter.Cards.Records;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.CardWrites;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Pricing;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Sales;

/// <summary>Builds the pending sale row and the card image that carries it: the part every selling operation shares.</summary>
internal static class SaleRecords
{
    /// <summary>What a sale puts on the card and in the books.</summary>
    internal sealed record SaleDraft(
        PendingSaleWrite Operation, long AccountId, long MeterId, PurchaseCount Count, CardSerial Serial, PricedPurchase Priced, long? Replaces);

    public static VendResult<PendingWrite> Pending(WriteScope scope, GroupRow group, byte[] previousImage, CardRecord card, SaleDraft draft)
    {
        var layout = GroupLayouts.Of(group);
        var record = card with
        {
            PurchaseCount = draft.Count,
            // In the card's own unit, as its bytes always were: a card of another unit is the meter's to refuse.
            Purchase = new(card.CreditUnit, draft.Priced.Credit.Hundredths),
            Price = layout.CarriesPrice ? draft.Priced.MarginalPrice : null,
        };
        var encoded = layout.Encode(record, GroupKeys.Of(group), out var image);
        if (!encoded.Success)
        {
            return Refuse.Invalid($"the purchase does not fit the card: {encoded.Problem}");
        }

        // Pending until its card is written: the settlement covers it (and the audit knows it by its card write till then).
        var saleId = InsertPending(scope, group, draft.Operation.Kind, draft.AccountId, draft.MeterId, draft.Count.Value, (long)draft.Serial.Value, draft.Priced, draft.Replaces);
        return new PendingWrite(draft.AccountId, saleId, draft.Serial, previousImage, image, draft.Operation, group);
    }

    /// <summary>
    /// Inserts a sale as pending, with its shares when the account's energy is split; the step that commits it covers both.
    /// A card sale's <paramref name="serial"/> is its card's; a token sale's is 0 (no card).
    /// </summary>
    public static long InsertPending(WriteScope scope, GroupRow group, SaleKind kind, long accountId, long meterId, long count, long serial, PricedPurchase priced, long? replaces)
    {
        var saleId = scope.Scalar<long>(
            """
            INSERT INTO sales (account_id, meter_id, kind, status, purchase_count, card_serial, credit_unit, credit, energy, money, arrears_collected,
                               price_version_id, replaces_sale_id, operator, created_at)
            VALUES (@accountId, @meterId, @kind, 'pending', @count, @serial, @unit, @credit, @energy, @money, @arrears, @version, @replaces, @op, @at) RETURNING id
            """,
            new
            {
                accountId, meterId, kind = Rows.Lower(kind), count, serial,
                unit = group.CreditUnit, credit = priced.Credit.Hundredths, energy = priced.Energy.Hundredths, money = priced.Money.Hundredths,
                arrears = priced.ArrearsCollected.Hundredths, version = priced.PriceVersionId, replaces, op = scope.Operator, at = scope.Stamp,
            });
        // Its shares (the account's energy split) go pending with it, and are covered with it by its settlement.
        foreach (var share in priced.Shares ?? [])
        {
            scope.Execute(
                """
                INSERT INTO sale_shares (sale_id, split_id, position, customer_id, price_type_id, price_version_id, basis_points, energy, money)
                VALUES (@saleId, @split, @Position, @CustomerId, @PriceTypeId, @PriceVersionId, @BasisPoints, @energy, @money)
                """,
                new
                {
                    saleId, split = priced.SplitId, share.Position, share.CustomerId, share.PriceTypeId, share.PriceVersionId, share.BasisPoints,
                    energy = share.Energy.Hundredths, money = share.Money.Hundredths,
                });
        }

        return saleId;
    }

    /// <summary>Refuses a purchase the meter would refuse over its limit: alone, or on top of what the meter last said it holds.</summary>
    public static Refusal? OverLimit(GroupRow group, CreditAmount purchase, long remainingInMeter)
    {
        var credit = purchase.Hundredths;
        if (group.PurchaseLimit <= 0)
        {
            return null;
        }

        if (credit > group.PurchaseLimit)
        {
            return new(RefusalReason.OverPurchaseLimit, $"{group.Amount(credit)} is over the purchase limit of {group.Amount(group.PurchaseLimit)}");
        }

        return remainingInMeter + credit > group.PurchaseLimit
            ? new(RefusalReason.OverPurchaseLimit,
                $"the meter last held {group.Amount(remainingInMeter)}; with {group.Amount(credit)} it would pass the purchase limit of {group.Amount(group.PurchaseLimit)}")
            : null;
    }

    /// <summary>The latest committed sale on the account at its current purchase count: the one a correction or cancel acts on.</summary>
    public static SaleRow? Current(WriteScope scope, AccountRow account) =>
        scope.First<SaleRow>(SaleRow.Select + " WHERE s.account_id = @Id AND s.purchase_count = @PurchaseCount AND s.meter_id = @MeterId AND s.status = 'committed' ORDER BY s.id DESC LIMIT 1",
            new { account.Id, account.PurchaseCount, account.MeterId });
}
