using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Books;

/// <summary>
/// What every account opening checks first, on a card (`vend account open`) or for tokens (`vend token open`), in this
/// order: the customer, a meter from stock, the medium its group sells on, a price type of the meter's group.
/// </summary>
internal sealed record AccountOpening(CustomerRow Customer, MeterRow Meter, GroupRow Group)
{
    /// <param name="medium">The opening's own word on the group's medium: a refusal when the group does not sell on it.</param>
    public static VendResult<AccountOpening> Check(WriteScope scope, CustomerNumber customer, MeterNumber meter, long priceTypeId, Func<GroupRow, SupplyMedium, Refusal?> medium)
    {
        var customerRow = scope.First<CustomerRow>("SELECT * FROM customers WHERE number = @number", new { number = checked((long)customer.Value) });
        if (customerRow is null)
        {
            return Refuse.NotFound($"no customer {customer}");
        }

        if (MeterService.Find(scope.Connection, scope.Transaction, meter) is not { } meterRow)
        {
            return Refuse.NotFound($"no meter {meter}");
        }

        if (Rows.Enum<MeterStatus>(meterRow.Status) != MeterStatus.Stock)
        {
            return Refuse.Conflict($"meter {meter} is {meterRow.Status}; an account needs a meter from stock");
        }

        var group = SupplyGroupService.Find(scope.Connection, scope.Transaction, Rows.Group(meterRow.GroupCode))!;
        if (medium(group, SupplyGroupService.MediumOf(scope.Connection, scope.Transaction, group.Code)) is { } wrongMedium)
        {
            return wrongMedium;
        }

        var priceGroup = scope.Scalar<string>("SELECT group_code FROM price_types WHERE id = @priceTypeId AND deleted = 0", new { priceTypeId });
        if (priceGroup is null)
        {
            return Refuse.NotFound($"no price type {priceTypeId}");
        }

        return priceGroup == group.Code
            ? new AccountOpening(customerRow, meterRow, group)
            : Refuse.Invalid($"price type {priceTypeId} belongs to supply group {priceGroup}, meter {meter} to {group.Code}");
    }
}
