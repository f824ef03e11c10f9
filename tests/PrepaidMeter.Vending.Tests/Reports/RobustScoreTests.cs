using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Vending.Tests.Reports;

public sealed class RobustScoreTests
{
    [Fact]
    public void Score_OneWildMonthInTheHistory_DoesNotHideTheNextOne()
    {
        long[] history = [100, 102, 98, 101, 99, 5_000, 100, 97, 103, 100, 99, 101];

        RobustScore.Median(history).ShouldBe(100m);
        RobustScore.Mad(history).ShouldBe(1m);
        RobustScore.IsOutlier(300, history, RobustScore.Threshold, out var score).ShouldBeTrue();
        score.ShouldBe(0.6745m * 200);
        RobustScore.IsOutlier(101, history, RobustScore.Threshold, out _).ShouldBeFalse();
    }

    [Fact]
    public void Score_HistoryMostlyOneValue_MeanDeviationStandsIn()
    {
        long[] counts = [1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1];

        RobustScore.Mad(counts).ShouldBe(0m);
        RobustScore.IsOutlier(8, counts, RobustScore.Threshold, out var score).ShouldBeTrue();
        score.ShouldNotBeNull().ShouldBeGreaterThan(3.5m);
    }

    [Fact]
    public void Score_HistoryNeverVaries_AnyDifferenceIsAnOutlierWithoutAScore()
    {
        long[] flat = [4, 4, 4, 4, 4, 4];

        RobustScore.IsOutlier(5, flat, RobustScore.Threshold, out var score).ShouldBeTrue();
        score.ShouldBeNull();
        RobustScore.IsOutlier(4, flat, RobustScore.Threshold, out _).ShouldBeFalse();
    }

    [Fact]
    public void Score_ShiftedHistoryAndValue_Unchanged_AndTheMedianScoresZero()
    {
        var history = Gen.ListOf(Gen.Choose(0, 100_000).Select(v => (long)v)).Resize(20).Where(h => h.Count >= 3);
        Prop.ForAll(history.ToArbitrary(), Gen.Choose(-50_000, 50_000).ToArbitrary(), Gen.Choose(0, 100_000).ToArbitrary(), (h, shift, value) =>
        {
            var shifted = h.Select(v => v + shift).ToList();
            RobustScore.Of(value + shift, shifted).ShouldBe(RobustScore.Of(value, h));
            if (RobustScore.Median(h) is var median && median == Math.Floor(median))
            {
                (RobustScore.Of((long)median, h) ?? 0m).ShouldBe(0m);
            }
        }).QuickCheckThrowOnFailure(300);
    }

    [Fact]
    public void Score_InWholeNumbers_IsTheDecimalDefinition()
    {
        // The definition as written, in decimals: what the scaled whole-number arithmetic must reproduce exactly.
        static decimal MedianOf(IEnumerable<decimal> values)
        {
            var sorted = values.Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
        }

        static decimal? Definition(long value, IReadOnlyList<long> history)
        {
            var median = MedianOf(history.Select(v => (decimal)v));
            var mad = MedianOf(history.Select(v => Math.Abs(v - median)));
            if (mad != 0)
            {
                return 0.6745m * (value - median) / mad;
            }

            var meanAd = history.Sum(v => Math.Abs(v - median)) / history.Count;
            return meanAd == 0 ? null : (value - median) / (1.253314m * meanAd);
        }

        // Small values too, so that histories with a MAD of 0 (the mean-deviation path) come up often.
        var values = Gen.Frequency((1, Gen.Choose(0, 4)), (2, Gen.Choose(0, 3_000_000))).Select(v => (long)v);
        var history = Gen.ListOf(values).Resize(14).Where(h => h.Count >= 1);
        Prop.ForAll(history.ToArbitrary(), values.ToArbitrary(), (h, value) =>
        {
            RobustScore.Of(value, h).ShouldBe(Definition(value, h));
            RobustScore.Median(h).ShouldBe(MedianOf(h.Select(v => (decimal)v)));
            var span = h.ToArray();
            RobustScore.IsOutlier(value, span.AsSpan(), RobustScore.Threshold, out var score).ShouldBe(RobustScore.IsOutlier(value, h, RobustScore.Threshold, out var listScore));
            score.ShouldBe(listScore);
        }).QuickCheckThrowOnFailure(1000);
    }
}
