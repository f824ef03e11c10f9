using PrepaidMeter.Core.Pricing;

namespace PrepaidMeter.Core.Tests.Pricing;

public sealed class TariffTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.FromHours(8));

    private static Energy Kwh(decimal value) => Energy.FromKilowattHours(value);

    private static UnitPrice Rate(decimal value) => UnitPrice.FromUnits(value);

    [Fact]
    public void FlatPrice_RoundsOnceHalfAwayFromZero()
    {
        var tariff = new FlatTariff(Rate(0.5283m));
        // 10.01 kWh × 0.5283 = 5.288283 → 5.29
        tariff.Price(Kwh(10.01m), Noon).ShouldBe(Money.FromUnits(5.29m));
        // 0.01 kWh × 0.5 = 0.005 → 0.01 (half away from zero)
        new FlatTariff(Rate(0.5m)).Price(Kwh(0.01m), Noon).ShouldBe(Money.FromUnits(0.01m));
        tariff.Price(Energy.Zero, Noon).ShouldBe(Money.Zero);
    }

    [Fact]
    public void FlatEnergyFor_GivesTheMostEnergyTheMoneyPaysFor()
    {
        var tariff = new FlatTariff(Rate(0.5283m));
        var energy = tariff.EnergyFor(Money.FromUnits(100m), Noon);
        energy.ShouldBe(Kwh(189.29m));
        tariff.Price(energy, Noon).ShouldBeLessThanOrEqualTo(Money.FromUnits(100m));
        tariff.Price(energy + Kwh(0.01m), Noon).ShouldBeGreaterThan(Money.FromUnits(100m));
    }

    [Fact]
    public void TimeOfUse_PricesByThePeriodOfTheMoment()
    {
        var tariff = new TimeOfUseTariff([
            new("valley", new TimeOnly(23, 0), Rate(0.3m)),
            new("flat", new TimeOnly(7, 0), Rate(0.6m)),
            new("peak", new TimeOnly(18, 0), Rate(0.9m)),
        ]);
        tariff.PeriodAt(Noon).Name.ShouldBe("flat");
        tariff.PeriodAt(Noon.Date.AddHours(3)).Name.ShouldBe("valley");
        tariff.PeriodAt(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.FromHours(8))).Name.ShouldBe("peak");
        tariff.Price(Kwh(10m), Noon).ShouldBe(Money.FromUnits(6m));
    }

    [Fact]
    public void TimeOfUse_NextChange_IsThePeriodEdgeAndWrapsPastMidnight()
    {
        var tariff = new TimeOfUseTariff([new("valley", new TimeOnly(23, 0), Rate(0.3m)), new("flat", new TimeOnly(7, 0), Rate(0.6m))]);
        tariff.NextChangeAfter(Noon).ShouldBe(new DateTimeOffset(2026, 11, 23, 23, 0, 0, TimeSpan.FromHours(8)));
        tariff.NextChangeAfter(new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.FromHours(8)))
            .ShouldBe(new DateTimeOffset(2026, 11, 24, 7, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void TimeOfUse_TwoPeriodsAtOneTime_IsRefused() =>
        Should.Throw<ArgumentException>(() => new TimeOfUseTariff([
            new("a", new TimeOnly(7, 0), Rate(0.3m)), new("b", new TimeOnly(7, 0), Rate(0.6m))])).Message.ShouldContain("both start at 07:00");

    [Fact]
    public void Tiered_SplitsAnAmountAcrossBlocks()
    {
        var tariff = Tiered();
        // 30 kWh already used; 50 more: 20 at 0.50 + 30 at 0.55 = 26.50
        tariff.Price(Kwh(50m), Noon, usedInPeriod: Kwh(30m)).ShouldBe(Money.FromUnits(26.5m));
        // far into the top block
        tariff.Price(Kwh(10m), Noon, usedInPeriod: Kwh(500m)).ShouldBe(Money.FromUnits(8m));
        tariff.MarginalPrice(Noon, Kwh(50m)).ShouldBe(Rate(0.55m));
    }

    [Fact]
    public void Tiered_EnergyFor_CrossesBlocks()
    {
        var tariff = Tiered();
        // 25.00 buys the rest of block 1 (50 kWh = 25.00) exactly.
        tariff.EnergyFor(Money.FromUnits(25m), Noon).ShouldBe(Kwh(50m));
        // 30.50: 50 kWh for 25.00, then 10 kWh at 0.55 = 5.50.
        tariff.EnergyFor(Money.FromUnits(30.5m), Noon).ShouldBe(Kwh(60m));
    }

    [Fact]
    public void Tiered_BoundsNotRising_AreRefused() =>
        Should.Throw<ArgumentException>(() => new TieredTariff([new(Kwh(50m), Rate(0.5m)), new(Kwh(40m), Rate(0.6m)), new(null, Rate(0.7m))]));

    [Fact]
    public void Composite_AddsSubItemsAndTax_RoundingOnlyTheTotal()
    {
        var price = new CompositePrice([
            PriceItem.EnergyCharge("energy", new FlatTariff(Rate(0.4883m))),
            PriceItem.Surcharge("renewables fund", new FlatTariff(Rate(0.019m))),
            PriceItem.Surcharge("reservoir fund", new FlatTariff(Rate(0.0062m))),
            PriceItem.Tax("VAT", 1300),
        ]);
        // per kWh: 0.5135, with 13% tax 0.580255; 100 kWh → 58.0255 → 58.03
        price.Price(Kwh(100m), Noon).ShouldBe(Money.FromUnits(58.03m));
        price.MarginalPrice(Noon).ShouldBe(Rate(0.5803m));
        var items = price.Itemise(Kwh(100m), Noon);
        items.Select(i => i.Amount).ShouldBe([Money.FromUnits(48.83m), Money.FromUnits(1.9m), Money.FromUnits(0.62m), Money.FromUnits(6.68m)]);
    }

    [Fact]
    public void Composite_OfTimeOfUseItems_ChangesAtTheirEdges()
    {
        var price = new CompositePrice([
            PriceItem.EnergyCharge("energy", new TimeOfUseTariff([new("valley", new TimeOnly(0, 0), Rate(0.3m)), new("day", new TimeOnly(8, 0), Rate(0.6m))])),
            PriceItem.Surcharge("fund", new FlatTariff(Rate(0.01m))),
        ]);
        price.NextChangeAfter(Noon).ShouldBe(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Composite_WithoutEnergyCharge_IsRefused() =>
        Should.Throw<ArgumentException>(() => new CompositePrice([PriceItem.Tax("VAT", 1300)]));

    [Fact]
    public void Price_OfNegativeEnergy_Throws() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new FlatTariff(Rate(1m)).Price(Kwh(-1m), Noon));

    [Fact]
    public void EnergyFor_AZeroPrice_BuysAsMuchAsAnEnergyCanHold() =>
        new FlatTariff(UnitPrice.Zero).EnergyFor(Money.FromUnits(1m), Noon).ShouldBe(Energy.MaxValue);

    private static TieredTariff Tiered() => new([
        new(Kwh(50m), Rate(0.5m)),
        new(Kwh(200m), Rate(0.55m)),
        new(null, Rate(0.8m)),
    ]);

    [Theory]
    [InlineData("""{"kind":"flat","price":"0.5"}""", false)]
    [InlineData("""{"kind":"time-of-use","periods":[{"name":"valley","from":"00:00","price":"0.3"},{"name":"peak","from":"08:00","price":"0.9"}]}""", false)]
    [InlineData("""{"kind":"tiered","blocks":[{"upTo":"200","price":"0.5283"},{"price":"0.8283"}]}""", true)]
    [InlineData("""{"kind":"composite","items":[{"name":"energy","kind":"energy","tariff":{"kind":"tiered","blocks":[{"upTo":"200","price":"0.5"},{"price":"0.8"}]}},{"name":"vat","kind":"tax","basisPoints":1300}]}""", true)]
    [InlineData("""{"kind":"composite","items":[{"name":"energy","kind":"energy","tariff":{"kind":"flat","price":"0.5"}},{"name":"vat","kind":"tax","basisPoints":1300}]}""", false)]
    public void CountsUsage_TrueExactlyWhenATierIsInThePrice(string json, bool counts)
    {
        var (tariff, errors) = TariffDefinitions.FromJson(json);
        errors.ShouldBeEmpty();
        tariff!.CountsUsage.ShouldBe(counts);
    }
}
