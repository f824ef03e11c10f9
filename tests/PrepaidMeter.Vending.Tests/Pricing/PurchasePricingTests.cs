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
    public void Price_VolumeCreditByMoney_CreditIsTheM3Bought_NoEnergySold()
    {
        var priced = PurchasePricing.Price(Flat, CreditUnit.Volume, PurchaseRequest.ForMoney(Money.FromUnits(10m)), Money.Zero).Value;

        priced.Credit.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(20m)));
        priced.Energy.ShouldBe(Energy.Zero);
        priced.Money.ShouldBe(Money.FromUnits(10m));
    }

    [Fact]
    public void Price_VolumeCreditUnderATimeOfDayPrice_Refused()
    {
        var timeOfUse = TariffDefinitions.FromJson("""{"kind":"time-of-use","periods":[{"name":"valley","from":"00:00","price":"0.3"},{"name":"peak","from":"08:00","price":"0.9"}]}""");
        timeOfUse.Errors.ShouldBeEmpty();
        var facts = new PriceFacts(7, timeOfUse.Tariff!, Testing.Some.Moment, Energy.Zero);

        var refused = PurchasePricing.Price(facts, CreditUnit.Volume, PurchaseRequest.ForVolume(Volume.FromCubicMetres(1m)), Money.Zero).Refusal!;

        refused.Message.ShouldBe("price version 7 is not a water or gas price: a water or gas price is flat or tiered by quantity; it cannot change with the time of day");
    }

    [Fact]
    public void Price_VolumeByMoneyCoveringOnlyTheArrears_RefusedAsForElectricity()
    {
        var refused = PurchasePricing.Price(Flat, CreditUnit.Volume, PurchaseRequest.ForMoney(Money.FromUnits(5m)), Money.FromUnits(5m)).Refusal!;

        refused.Message.ShouldBe("the payment of 5.00 only covers the arrears of 5.00; take at least 5.01");
    }

    [Fact]
    public void Price_VolumeWithArrears_CollectsThemFirst()
    {
        var priced = PurchasePricing.Price(Flat, CreditUnit.Volume, PurchaseRequest.ForMoney(Money.FromUnits(10m)), Money.FromUnits(4m)).Value;

        priced.ArrearsCollected.ShouldBe(Money.FromUnits(4m));
        priced.Credit.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(12m)), "6.00 left at 0.50 a m³");
        priced.Money.ShouldBe(Money.FromUnits(10m));
    }

    [Fact]
    public void Price_EnergyAndVolumeBoth_IsAProgrammingError() =>
        Should.Throw<ArgumentException>(() => PurchasePricing.Price(Flat, CreditUnit.Volume,
            PurchaseRequest.ForEnergy(Energy.FromKilowattHours(1m)) with { Volume = Volume.FromCubicMetres(1m) }, Money.Zero));
}
