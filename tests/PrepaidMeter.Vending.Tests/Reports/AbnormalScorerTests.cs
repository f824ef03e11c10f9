using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Vending.Tests.Reports;

/// <summary>The abnormal analysis' scoring on months made up here, without a database.</summary>
public sealed class AbnormalScorerTests
{
    private const int Current = 13; // 14 slots: the month before the oldest of 13, up to this one
    private static readonly AbnormalOptions Rules = new();

    /// <summary>An account whose meter used <paramref name="used"/> in slots 1..13 (null: no reading at that month's end), read in slot 0.</summary>
    private static AccountMonths Months(long?[] used, int[]? purchases = null)
    {
        var energy = new long[14];
        var total = 1_000L;
        energy[0] = total;
        for (var slot = 1; slot < 14; slot++)
        {
            total += used[slot - 1] ?? 0;
            energy[slot] = used[slot - 1] is null ? AbnormalScorer.NoReading : total;
        }

        return new AccountMonths(7, "Li Wei", "M-7", energy, purchases ?? Enumerable.Repeat(1, 14).ToArray());
    }

    private static string[] Kinds(AccountScore score) => [.. score.Flags.Select(f => f[3].Text!)];

    [Fact]
    public void SteadyMonthsThenThreeTimesAsMuch_IsAnOutlier()
    {
        long?[] used = [100, 102, 98, 101, 99, 100, 97, 103, 100, 99, 101, 100, 300];
        var score = AbnormalScorer.Score(Months(used), Current, "2025-06", Rules);

        score.Scored.ShouldBeTrue();
        score.SeenThisMonth.ShouldBeTrue();
        Kinds(score).ShouldBe(["outlier"]);
        score.Flags[0][4].ShouldBe(ReportCell.Of(300));
    }

    [Fact]
    public void UnderHalfOfTheSameMonthLastYear_IsADrop()
    {
        long?[] used = [200, 60, 40, 50, 70, 45, 55, 50, 60, 40, 50, 55, 90];
        var score = AbnormalScorer.Score(Months(used), Current, "2025-06", Rules);

        Kinds(score).ShouldBe(["drop"]);
        score.Flags[0][6].ShouldBe(ReportCell.Of("2.00 kWh in 2025-06"));
    }

    [Fact]
    public void EightPurchasesAfterAYearOfOne_IsABuyingSpree()
    {
        long?[] used = [.. Enumerable.Repeat<long?>(100, 13)];
        int[] purchases = [.. Enumerable.Repeat(1, 13), 8];
        Kinds(AbnormalScorer.Score(Months(used, purchases), Current, "2025-06", Rules)).ShouldBe(["buying"]);
    }

    [Fact]
    public void FewerMonthsOfHistoryThanTheRule_IsNotScored()
    {
        long?[] used = [null, null, null, null, null, null, null, 100, 100, 100, 100, 100, 900];
        var score = AbnormalScorer.Score(Months(used), Current, "2025-06", Rules);

        score.Scored.ShouldBeFalse();
        Kinds(score).ShouldNotContain("outlier");
    }

    [Fact]
    public void TheSameEveryMonth_IsNeverFlagged()
    {
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), Gen.Choose(0, 5).ToArbitrary(), (kwh, bought) =>
        {
            long?[] used = [.. Enumerable.Repeat<long?>(kwh, 13)];
            var score = AbnormalScorer.Score(Months(used, [.. Enumerable.Repeat(bought, 14)]), Current, "2025-06", Rules);
            score.Flags.ShouldBeEmpty();
            score.Scored.ShouldBeTrue();
        }).QuickCheckThrowOnFailure(300);
    }

    [Fact]
    public void TheOutlierFlag_IsTheRobustScoreOfTheMonthAgainstTheMonthsBefore()
    {
        var month = Gen.Frequency((1, Gen.Constant<long?>(null)), (5, Gen.Choose(0, 20_000).Select(v => (long?)v)));
        Prop.ForAll(Gen.ArrayOf(month, 13).ToArbitrary(), used =>
        {
            var score = AbnormalScorer.Score(Months(used), Current, "2025-06", Rules);

            // A month has a figure when its reading and the month before's are there (slot 0 always is).
            long? Figure(int slot) => used[slot - 1] is { } u && (slot == 1 || used[slot - 2] is not null) ? u : null;
            var history = Enumerable.Range(1, 12).Select(Figure).OfType<long>().ToArray();
            var enough = Figure(Current) is not null && history.Length >= Rules.MinHistoryMonths;
            var expected = enough && RobustScore.IsOutlier(Figure(Current)!.Value, history, Rules.ScoreThreshold, out _);
            Kinds(score).Contains("outlier").ShouldBe(expected);
            score.Scored.ShouldBe(enough);
        }).QuickCheckThrowOnFailure(500);
    }
}
