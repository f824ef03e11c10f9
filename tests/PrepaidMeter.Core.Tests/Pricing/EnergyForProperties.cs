using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Testing;

namespace PrepaidMeter.Core.Tests.Pricing;

/// <summary>Converting money to energy never charges for energy not received, and never leaves a whole hundredth unbought.</summary>
public sealed class EnergyForProperties
{
    private static readonly DateTimeOffset Moment = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static Gen<Tariff> Tariffs() =>
        Gen.OneOf(
            Gens.Long(1, 100_000).Select(p => (Tariff)new FlatTariff(UnitPrice.FromTenThousandths(p))),
            Gens.Long(1, 20_000).Three().Select(t => (Tariff)new TieredTariff([
                new(Energy.FromKilowattHours(50m), UnitPrice.FromTenThousandths(t.Item1)),
                new(Energy.FromKilowattHours(200m), UnitPrice.FromTenThousandths(t.Item2)),
                new(null, UnitPrice.FromTenThousandths(t.Item3)),
            ])),
            Gens.Long(1, 20_000).Two().Select(t => (Tariff)new CompositePrice([
                PriceItem.EnergyCharge("energy", new FlatTariff(UnitPrice.FromTenThousandths(t.Item1))),
                PriceItem.Surcharge("fund", new FlatTariff(UnitPrice.FromTenThousandths(t.Item2))),
                PriceItem.Tax("tax", 1300),
            ])));

    [Property(MaxTest = 1000)]
    public Property EnergyFor_IsTheLargestAffordableAmount() =>
        Prop.ForAll(
            Tariffs().ToArbitrary(),
            Gens.Long(0, 10_000_000).ToArbitrary(),
            Gens.Long(0, 50_000).ToArbitrary(),
            (tariff, moneyHundredths, used) =>
            {
                var money = Money.FromHundredths(moneyHundredths);
                var usedInPeriod = Energy.FromHundredths(used);
                var energy = tariff.EnergyFor(money, Moment, usedInPeriod);
                var affordable = tariff.Price(energy, Moment, usedInPeriod) <= money;
                var maximal = tariff.Price(energy + Energy.FromHundredths(1), Moment, usedInPeriod) > money;
                return affordable && maximal;
            });

    [Property(MaxTest = 1000)]
    public Property Price_NeverFallsAsEnergyRises() =>
        Prop.ForAll(Tariffs().ToArbitrary(), Gens.Long(0, 10_000_000).Two().ToArbitrary(), (tariff, pair) =>
        {
            var (a, b) = (Math.Min(pair.Item1, pair.Item2), Math.Max(pair.Item1, pair.Item2));
            return tariff.Price(Energy.FromHundredths(a), Moment) <= tariff.Price(Energy.FromHundredths(b), Moment);
        });
}
