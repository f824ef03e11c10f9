using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Pricing;

namespace PrepaidMeter.Vending.Tests.Pricing;

public sealed class PurchasePricingTests
{
    private static readonly PriceFacts Flat = new(1, TariffDefinitions.FromJson("""{"kind":"flat","price":"0.5000"}""").Tariff!, Testing.Some.Moment, Energy.Zero);

    [Theory]
    [InlineData(CreditUnit.Energy, 1000)]
    [InlineData(CreditUnit.Money, 500)]
    public void Price_TenKwh_CreditInTheGroupsUnit(CreditUnit unit, long credit) =>
        PurchasePricing.Price(Flat, unit, PurchaseRequest.ForEnergy(Energy.FromKilowattHours(10m)), Money.Zero).Value.Credit.ShouldBe(new CreditAmount(unit, credit));

    [Fact]
    public void Price_VolumeCredit_RefusedAsVolumeNotSold_NeverPricedAsMoney()
    {
        var refused = PurchasePricing.Price(Flat, CreditUnit.Volume, PurchaseRequest.ForMoney(Money.FromUnits(10m)), Money.Zero).Refusal!;

        refused.Reason.ShouldBe(RefusalReason.VolumeNotSold);
        refused.Message.ShouldBe("credit in volume has no price before issue 25's next step (water prices per meter type)");
    }
}
