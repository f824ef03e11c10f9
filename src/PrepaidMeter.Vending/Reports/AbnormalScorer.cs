using System.Globalization;

namespace PrepaidMeter.Vending.Reports;

/// <summary>
/// The abnormal-consumption analysis' scoring, without a database: an account's months in, its flags out
/// (<c>outlier</c>, <c>drop</c>, <c>buying</c>; <c>silent</c> needs the exact last purchase or reading, so the
/// fetch in <c>ReportService.Abnormal</c> adds it). The rules are documented on that method and in docs/reports.md.
/// </summary>
internal static class AbnormalScorer
{
    /// <summary>No reading in that month; below any cumulative energy, so the highest reading wins over it.</summary>
    public const long NoReading = long.MinValue;

    /// <summary>
    /// Scores month <paramref name="current"/> of <paramref name="account"/> against the 12 before it;
    /// <paramref name="lastYearKey"/> names the month 12 before (yyyy-MM) in the drop flag's reference; <paramref name="unit"/> is the utility's (kWh, m³).
    /// </summary>
    public static AccountScore Score(AccountMonths account, int current, string lastYearKey, AbnormalOptions rules, string unit = "kWh")
    {
        var flags = new List<IReadOnlyList<ReportCell>>();
        var used = account.Used(current);
        var scored = false;

        // The 12 months before this one, on the stack: this runs for every customer of a city.
        Span<long> history = stackalloc long[12];
        var months = 0;
        for (var slot = current - 12; slot < current; slot++)
        {
            if (account.Used(slot) is { } u)
            {
                history[months++] = u;
            }
        }

        if (used is { } x && months >= rules.MinHistoryMonths)
        {
            scored = true;
            if (RobustScore.IsOutlier(x, history[..months], rules.ScoreThreshold, out var z))
            {
                var past = history[..months].ToArray();
                flags.Add(account.Flag(current, "outlier", $"median {ReportCell.Hundredths((long)RobustScore.Median(past))} {unit}, MAD {ReportCell.Hundredths((long)RobustScore.Mad(past))}", z,
                    $"{ReportCell.Hundredths(x)} {unit} against {months} months of history"));
            }
        }

        if (used is { } thisYear && account.Used(current - 12) is { } lastYear && lastYear > 0 && thisYear * 100 < lastYear * rules.DropPercent)
        {
            flags.Add(account.Flag(current, "drop", $"{ReportCell.Hundredths(lastYear)} {unit} in {lastYearKey}", null, $"{thisYear * 100 / lastYear}% of the same month last year"));
        }

        var counts = account.Purchases.Span;
        Span<long> countHistory = stackalloc long[12];
        var monthsBuying = 0;
        for (var slot = 0; slot < 12; slot++)
        {
            countHistory[slot] = counts[current - 12 + slot];
            monthsBuying += countHistory[slot] > 0 ? 1 : 0;
        }

        if (monthsBuying >= rules.MinHistoryMonths && RobustScore.IsOutlier(counts[current], countHistory, rules.ScoreThreshold, out var zc))
        {
            flags.Add(account.Flag(current, "buying", $"median {RobustScore.Median(countHistory.ToArray()):0.#} purchases a month", zc, $"{counts[current]} purchase(s) this month"));
        }

        return new AccountScore(flags, scored, counts[current] > 0 || account.ReadIn(current));
    }
}

/// <summary>One account's flags (but silence, which needs the database), whether it had enough history to score, and whether it was seen this month.</summary>
internal readonly record struct AccountScore(List<IReadOnlyList<ReportCell>> Flags, bool Scored, bool SeenThisMonth);

/// <summary>
/// An account's months, its slices of the analysis' flat arrays: the meter's last cumulative energy in each
/// (<see cref="AbnormalScorer.NoReading"/>: none) and its purchases in each.
/// </summary>
internal sealed record AccountMonths(long Customer, string Name, string Meter, ReadOnlyMemory<long> Energy, ReadOnlyMemory<int> Purchases)
{
    /// <summary>The month's consumption: its last reading less the month before's; null without both, or when the register went back (a meter cleared).</summary>
    public long? Used(int slot) =>
        slot >= 1 && Energy.Span[slot] is var now && Energy.Span[slot - 1] is var before && now != AbnormalScorer.NoReading && before != AbnormalScorer.NoReading && now >= before
            ? now - before : null;

    public bool ReadIn(int slot) => Energy.Span[slot] != AbnormalScorer.NoReading;

    public IReadOnlyList<ReportCell> Flag(int current, string kind, string reference, decimal? score, string why) =>
    [
        ReportCell.Of(Customer.ToString(CultureInfo.InvariantCulture)), ReportCell.Of(Name), ReportCell.Of(Meter), ReportCell.Of(kind),
        Used(current) is { } v ? ReportCell.Of(v) : ReportCell.Empty, ReportCell.Of(Purchases.Span[current]), ReportCell.Of(reference),
        score is { } s ? ReportCell.Of((long)Math.Round(s * 100, MidpointRounding.AwayFromZero)) : ReportCell.Empty, ReportCell.Of(why),
    ];
}

