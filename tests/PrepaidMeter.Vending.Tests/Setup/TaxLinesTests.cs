using PrepaidMeter.Core;
using PrepaidMeter.Vending.Setup;

namespace PrepaidMeter.Vending.Tests.Setup;

/// <summary>Taxes included in the price, split at the boundaries of the rounding rule (docs/vending.md, "Invoice format").</summary>
public sealed class TaxLinesTests
{
    [Theory]
    [InlineData(113, 1300, 100, 13)] // exact: 1.13 = 1.00 + 13%
    [InlineData(1, 1300, 1, 0)] // 0.885 rounds up to the whole hundredth: no tax on 0.01
    [InlineData(0, 1300, 0, 0)]
    [InlineData(1, 10_000, 1, 0)] // 0.5 exactly rounds half away from zero: net 0.01
    [InlineData(3, 10_000, 2, 1)] // 1.5 rounds to 2
    [InlineData(5, 10_000, 3, 2)] // 2.5 rounds to 3
    [InlineData(10_000, 0, 10_000, 0)] // a 0% line: nothing
    [InlineData(99_999_999_999_999, 1300, 88_495_575_221_238, 11_504_424_778_761)] // the largest amount, no overflow
    public void Included_OneLine_NetIsGrossOverOnePlusRateRoundedHalfUp(long gross, int basisPoints, long net, long tax)
    {
        var split = TaxLines.Included(Money.FromHundredths(gross), [new TaxLine("VAT", basisPoints)]);

        split.Net.Hundredths.ShouldBe(net);
        split.Taxes.ShouldHaveSingleItem().Amount.Hundredths.ShouldBe(tax);
        (split.Net + split.Taxes[0].Amount).ShouldBe(split.Gross);
    }

    [Fact]
    public void Included_TwoLines_ShareTheTaxByLargestRemainderAndAddUpExactly()
    {
        // 5001 bp on 0.01: net 0.01 (0.667 rounds up), tax 0 — neither line goes negative.
        var tiny = TaxLines.Included(Money.FromHundredths(1), [new TaxLine("A", 5000), new TaxLine("B", 1)]);
        tiny.Taxes.Select(t => t.Amount.Hundredths).ShouldBe([0, 0]);

        // 1.08 at 4% + 4%: net 1.00, tax 0.08 → 0.04 + 0.04.
        TaxLines.Included(Money.FromHundredths(108), [new TaxLine("A", 400), new TaxLine("B", 400)]).Taxes.Select(t => t.Amount.Hundredths).ShouldBe([4, 4]);

        // 1.09 at 4% + 5%: net 1.00, tax 0.09: shares 0.04 and 0.05 exactly.
        TaxLines.Included(Money.FromHundredths(109), [new TaxLine("A", 400), new TaxLine("B", 500)]).Taxes.Select(t => t.Amount.Hundredths).ShouldBe([4, 5]);

        // 2.04 at 1% + 1%: net 2.00, tax 0.04 → 0.02 + 0.02; 2.05 at 1.5% + 1%: net 2.00, tax 0.05 → 0.03 + 0.02.
        TaxLines.Included(Money.FromHundredths(204), [new TaxLine("A", 100), new TaxLine("B", 100)]).Taxes.Select(t => t.Amount.Hundredths).ShouldBe([2, 2]);
        TaxLines.Included(Money.FromHundredths(205), [new TaxLine("A", 150), new TaxLine("B", 100)]).Taxes.Select(t => t.Amount.Hundredths).ShouldBe([3, 2]);

        // 1.04 at 1.33% + 1.33% + 1.34%: net 1.00, tax 0.04; floors 1, 1, 1, the hundredth left to the largest remainder (C).
        var four = TaxLines.Included(Money.FromHundredths(104), [new TaxLine("A", 133), new TaxLine("B", 133), new TaxLine("C", 134)]);
        four.Tax.Hundredths.ShouldBe(4);
        four.Taxes.Select(t => t.Amount.Hundredths).ShouldBe([1, 1, 2]);

        // 1.39 at 1% × 3: net 1.35 (1.3495), tax 0.04; equal remainders: the earlier line takes the hundredth left.
        TaxLines.Included(Money.FromHundredths(139), [new TaxLine("A", 100), new TaxLine("B", 100), new TaxLine("C", 100)]).Taxes.Select(t => t.Amount.Hundredths).ShouldBe([2, 1, 1]);
    }

    [Fact]
    public void Included_NoLines_IsAllNet_AndANegativeAmountSplitsAsItsOpposite()
    {
        TaxLines.Included(Money.FromHundredths(12_345), []).Net.Hundredths.ShouldBe(12_345);

        var negative = TaxLines.Included(Money.FromHundredths(-113), [new TaxLine("VAT", 1300)]);
        negative.Net.Hundredths.ShouldBe(-100);
        negative.Taxes[0].Amount.Hundredths.ShouldBe(-13);
    }

    [Theory]
    [InlineData(1300, "13%")]
    [InlineData(650, "6.5%")]
    [InlineData(1, "0.01%")]
    [InlineData(0, "0%")]
    public void Percent_ReadsAsPeopleWriteIt(int basisPoints, string expected) => TaxLines.Percent(basisPoints).ShouldBe(expected);
}
