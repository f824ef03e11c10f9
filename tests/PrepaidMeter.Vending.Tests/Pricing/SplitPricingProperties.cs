using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Core;
using PrepaidMeter.Core.Pricing;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Pricing;

namespace PrepaidMeter.Vending.Tests.Pricing;

/// <summary>docs/vending.md, "Proportion of energy consuming": how a split meter's purchase is divided and priced (rules E3–E5).</summary>
public sealed class SplitPricingProperties
{
    private static readonly Gen<int[]> Parts =
        Gen.Choose(2, 6).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 100), n)).Select(weights =>
        {
            // Whole basis points summing to 10 000, each at least 1: the weights scaled, the rounding left to the first.
            var total = weights.Sum();
            var parts = weights.Select(w => Math.Max(1, w * SplitPricing.WholeInBasisPoints / total)).ToArray();
            parts[Array.IndexOf(parts, parts.Max())] += SplitPricing.WholeInBasisPoints - parts.Sum();
            return parts;
        }).Where(p => p.All(b => b > 0));

    private static readonly Gen<Tariff> Tariffs = Gen.OneOf(
        Gen.Choose(100, 20_000).Select(p => Tariff($$"""{"kind":"flat","price":"{{p / 10_000m:0.0000}}"}""")),
        Gen.Choose(100, 9_000).Zip(Gen.Choose(1, 300)).Select(t =>
            Tariff($$"""{"kind":"tiered","blocks":[{"upTo":"{{t.Item2}}","price":"{{t.Item1 / 10_000m:0.0000}}"},{"price":"{{(t.Item1 + 2_500) / 10_000m:0.0000}}"}]}""")));

    private static readonly Gen<ShareFacts[]> Splits = Parts.SelectMany(parts =>
        Gen.ArrayOf(Tariffs.Zip(Gen.Choose(0, 40_000)), parts.Length).Select(tariffs =>
            parts.Select((b, i) => new ShareFacts(i, 100 + i, 10 + i, b,
                new PriceFacts(1_000 + i, tariffs[i].Item1, Some.Moment, Energy.FromHundredths(tariffs[i].Item2)))).ToArray()));

    [Fact]
    public void Divide_AnyTotal_PartsSumToItEachWithinAHundredthOfItsExactShare() =>
        Prop.ForAll(Parts.ToArbitrary(), Gen.Choose(0, 5_000_000).ToArbitrary(), (parts, total) =>
        {
            var divided = SplitPricing.Divide(total, parts);
            divided.Sum().ShouldBe(total);
            for (var i = 0; i < parts.Length; i++)
            {
                var exact = (decimal)total * parts[i] / SplitPricing.WholeInBasisPoints;
                Math.Abs(divided[i] - exact).ShouldBeLessThan(1m);
            }
        }).QuickCheckThrowOnFailure(500);

    [Fact]
    public void Divide_ThreeThirdsOfAKwh_TheLargestRemainderTakesTheLeftOverHundredth() =>
        SplitPricing.Divide(100, [3333, 3333, 3334]).ShouldBe([33, 33, 34]);

    [Fact]
    public void Divide_PartsNotSummingToTheWhole_IsAProgrammingError() =>
        Should.Throw<ArgumentException>(() => SplitPricing.Divide(100, [5000, 4000]));

    [Fact]
    public void Price_ByEnergy_MoneyIsTheSharesPricedEachAtItsTypePlusTheArrears() =>
        Prop.ForAll(Splits.ToArbitrary(), Gen.Choose(1, 2_000_000).ToArbitrary(), Gen.Choose(0, 5_000).ToArbitrary(), (shares, hundredths, arrears) =>
        {
            var priced = SplitPricing.Price(shares, PurchaseRequest.ForEnergy(Energy.FromHundredths(hundredths)), Money.FromHundredths(arrears)).Value;

            priced.Energy.Hundredths.ShouldBe(hundredths);
            priced.Credit.ShouldBe(CreditAmount.Of(Energy.FromHundredths(hundredths)));
            priced.Shares!.Sum(s => s.Energy.Hundredths).ShouldBe(hundredths);
            foreach (var (share, facts) in priced.Shares!.Zip(shares))
            {
                share.Money.ShouldBe(facts.Price.Tariff.Price(share.Energy, facts.Price.At, facts.Price.UsedThisMonth));
                share.PriceVersionId.ShouldBe(facts.Price.VersionId);
            }

            priced.Money.Hundredths.ShouldBe(priced.Shares!.Sum(s => s.Money.Hundredths) + arrears);
            priced.ArrearsCollected.Hundredths.ShouldBe(arrears);
        }).QuickCheckThrowOnFailure(300);

    [Fact]
    public void Price_ByMoney_CostsNoMoreThanThePaymentAndOneHundredthMoreWouldCostMore() =>
        Prop.ForAll(Splits.ToArbitrary(), Gen.Choose(100, 1_000_000).ToArbitrary(), Gen.Choose(0, 99).ToArbitrary(), (shares, paid, arrears) =>
        {
            var payment = Money.FromHundredths(paid);
            var priced = SplitPricing.Price(shares, PurchaseRequest.ForMoney(payment), Money.FromHundredths(arrears));
            if (!priced.Success)
            {
                priced.Refusal!.Message.ShouldContain("buys no energy");
                return;
            }

            var bought = priced.Value;
            bought.ArrearsCollected.Hundredths.ShouldBe(arrears);
            var spent = bought.Money - bought.ArrearsCollected;
            spent.ShouldBeLessThanOrEqualTo(payment - bought.ArrearsCollected);
            var more = SplitPricing.Price(shares, PurchaseRequest.ForEnergy(Energy.FromHundredths(bought.Energy.Hundredths + 1)), Money.Zero).Value;
            more.Money.ShouldBeGreaterThan(payment - bought.ArrearsCollected);
        }).QuickCheckThrowOnFailure(300);

    /// <summary>The split pricing beside the plain one it generalises: one share of the whole prices as the unsplit purchase does.</summary>
    [Fact]
    public void Price_OneShareOfTheWhole_AgreesWithThePlainPricing() =>
        Prop.ForAll(Tariffs.Zip(Gen.Elements(true, false)).ToArbitrary(), Gen.Choose(1, 1_000_000).ToArbitrary(), Gen.Choose(0, 20_000).ToArbitrary(),
            (chosen, amount, used) =>
            {
                var (tariff, byMoney) = chosen;
                var facts = new PriceFacts(7, tariff, Some.Moment, Energy.FromHundredths(used));
                var request = byMoney ? PurchaseRequest.ForMoney(Money.FromHundredths(amount)) : PurchaseRequest.ForEnergy(Energy.FromHundredths(amount));
                var plain = PurchasePricing.Price(facts, CreditUnit.Energy, request, Money.Zero);
                var split = SplitPricing.Price([new ShareFacts(0, 1, 1, SplitPricing.WholeInBasisPoints, facts)], request, Money.Zero);

                split.Success.ShouldBe(plain.Success);
                if (plain.Success)
                {
                    (split.Value with { Shares = null }).ShouldBe(plain.Value);
                }
            }).QuickCheckThrowOnFailure(300);

    [Fact]
    public void Price_SixtyFortyResidentialAndCommercial_TenKwhCostSevenAndTheReceiptSaysWhy()
    {
        ShareFacts[] shares =
        [
            new(0, 1, 1, 6_000, new PriceFacts(11, Tariff("""{"kind":"flat","price":"0.5000"}"""), Some.Moment, Energy.Zero)),
            new(1, 2, 2, 4_000, new PriceFacts(12, Tariff("""{"kind":"flat","price":"1.0000"}"""), Some.Moment, Energy.Zero)),
        ];

        var priced = SplitPricing.Price(shares, PurchaseRequest.ForEnergy(Energy.FromKilowattHours(10m)), Money.Zero).Value;

        priced.Money.ShouldBe(Money.FromUnits(7m));
        priced.Shares!.Select(s => (s.Energy, s.Money)).ShouldBe([(Energy.FromKilowattHours(6m), Money.FromUnits(3m)), (Energy.FromKilowattHours(4m), Money.FromUnits(4m))]);
        priced.PriceVersionId.ShouldBe(11);
        SplitPricing.Price(shares, PurchaseRequest.ForMoney(Money.FromUnits(7m)), Money.Zero).Value.Energy.ShouldBe(Energy.FromKilowattHours(10m));
    }

    [Fact]
    public void Price_VolumeOrZero_Refused()
    {
        ShareFacts[] shares = [new(0, 1, 1, 10_000, new PriceFacts(1, Tariff("""{"kind":"flat","price":"0.5000"}"""), Some.Moment, Energy.Zero))];

        SplitPricing.Price(shares, PurchaseRequest.ForVolume(Volume.FromCubicMetres(1m)), Money.Zero).Refusal!.Message.ShouldContain("sells kWh or money");
        SplitPricing.Price(shares, PurchaseRequest.ForEnergy(Energy.Zero), Money.Zero).Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
    }

    private static Tariff Tariff(string json) => TariffDefinitions.FromJson(json).Tariff ?? throw new InvalidOperationException(json);
}
