using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Reports;

/// <summary>Line loss (线损), and water or gas loss (main against sub meters): what enters a branch against what its customers' meters recorded.</summary>
public sealed partial class ReportService
{
    /// <summary>
    /// For each line or transformer area over [from, to): the summary meter's consumption, the sum of its
    /// customers' meters' consumption, the loss and the loss rate, ranked by rate. Each meter's consumption is
    /// its cumulative energy at the reading nearest each end of the period, within <paramref name="tolerance"/>;
    /// a meter without such a reading at either end is reported missing and its branch gets no loss figure —
    /// nothing is interpolated. One utility at a time (the filter's, electricity by default): a water or gas main (a summary
    /// meter of that utility, <c>branch_meters.utility</c>) against the branch's customers' meters of supply groups of that
    /// utility, in m³ (a water meter's readings hold its cumulative volume in hundredths of a m³) — water loss.
    /// </summary>
    public VendResult<ReportTable> LineLoss(OperatorSession session, BranchKind by, DateTimeOffset from, DateTimeOffset to, TimeSpan tolerance, ReportFilter? places = null) =>
        _context.Read<ReportTable>(session, Permission.Queries, connection =>
        {
            // One utility at a time, electricity unless the filter names another: a water main against water meters, in m³.
            var asked = (places ?? new ReportFilter()) with { From = from, To = to };
            var utility = asked.Utility ?? Utility.Electricity;
            var filter = asked with { Utility = utility };
            var unit = utility.UnitSymbol();
            var quantity = utility == Utility.Electricity ? ColumnKind.Energy : ColumnKind.Volume;
            if (ReportSql.Check(connection, filter) is { } refusal)
            {
                return refusal;
            }

            var column = by == BranchKind.Line ? "c.line" : "c.transformer_area";
            var window = new
            {
                startLo = ReportSql.Stamp(from - tolerance), startHi = ReportSql.Stamp(from + tolerance), endLo = ReportSql.Stamp(to - tolerance), endHi = ReportSql.Stamp(to + tolerance),
                kind = Rows.Lower(by), utility = utility.Name(), region = filter.Region, grp = filter.Group?.ToString(), price = filter.PriceType, line = filter.Line, area = filter.TransformerArea,
            };
            var meters = connection.Query<(string Branch, long MeterId, string Number)>(
                $"SELECT {column} AS branch, m.id AS meter_id, m.number AS number FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id JOIN price_types p ON p.id = a.price_type_id JOIN supply_groups g ON g.code = a.group_code WHERE a.status = 'open' AND {column} <> ''{ReportSql.Places(filter)}",
                window).ToList();
            var readings = connection.Query<(long MeterId, string At, long Energy)>(ReadingsNearEnds, window)
                .GroupBy(r => r.MeterId).ToDictionary(g => g.Key, g => g.Select(r => (Rows.Time(r.At), r.Energy)).ToList());
            var summaries = connection.Query<(string Branch, string Number)>($"SELECT branch, number FROM branch_meters b WHERE branch_kind = @kind AND {ReportSql.BranchUtility("b")} = @utility", window)
                .ToDictionary(s => s.Branch, s => s.Number, StringComparer.Ordinal);
            var summaryReadings = connection.Query<(string Number, string At, long Energy)>(
                    $"SELECT b.number, r.at, r.cumulative_energy FROM branch_readings r JOIN branch_meters b ON b.id = r.branch_meter_id WHERE b.branch_kind = @kind AND {ReportSql.BranchUtility("b")} = @utility AND (r.at >= @startLo AND r.at <= @startHi OR r.at >= @endLo AND r.at <= @endHi)", window)
                .GroupBy(r => r.Number).ToDictionary(g => g.Key, g => g.Select(r => (Rows.Time(r.At), r.Energy)).ToList(), StringComparer.Ordinal);

            long? Used(List<(DateTimeOffset At, long Energy)>? series) =>
                series is null || Nearest(series, from, tolerance) is not { } start || Nearest(series, to, tolerance) is not { } end || end < start ? null : end - start;

            // Every branch with customers in the places asked for, and summary meters summing no customer yet (unless the places exclude them).
            var restricted = filter.Region is not null || filter.Group is not null || filter.PriceType is not null || filter.Line is not null || filter.TransformerArea is not null;
            var named = by == BranchKind.Line ? filter.Line : filter.TransformerArea;
            var byBranch = meters.ToLookup(m => m.Branch, StringComparer.Ordinal);
            var branchNames = byBranch.Select(g => g.Key).Concat(summaries.Keys.Where(b => !restricted || b == named)).Distinct(StringComparer.Ordinal);
            var branches = new List<(string Branch, string? Summary, long? In, long Out, int Meters, int Missing, long? Loss, long? Rate)>();
            var notes = new List<string>();
            foreach (var branch in branchNames)
            {
                var under = byBranch[branch].ToList();
                var used = under.Select(m => (m.Number, Used: Used(readings.GetValueOrDefault(m.MeterId)))).ToList();
                var missing = used.Where(u => u.Used is null).Select(u => u.Number).ToList();
                var summary = summaries.GetValueOrDefault(branch);
                var entered = summary is null ? null : Used(summaryReadings.GetValueOrDefault(summary));
                var recorded = used.Sum(u => u.Used ?? 0);
                long? loss = entered is { } e && missing.Count == 0 ? e - recorded : null;
                long? rate = loss is { } l && entered is > 0 ? (long)Math.Round(l * 10_000m / entered.Value, MidpointRounding.AwayFromZero) : null;
                branches.Add((branch, summary, entered, recorded, under.Count, missing.Count, loss, rate));
                var name = $"{BranchKinds.Name(by)} {branch}";
                if (summary is null)
                {
                    notes.Add($"{name}: no summary meter — no loss without what entered the branch");
                }
                else if (entered is null)
                {
                    notes.Add($"{name}: summary meter {summary} has no reading within {tolerance.TotalDays:0.##} d of the start or the end of the period");
                }

                if (missing.Count > 0)
                {
                    notes.Add($"{name}: {missing.Count} of {under.Count} meter(s) without a reading within {tolerance.TotalDays:0.##} d of the start or the end: {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", …" : "")}");
                }
            }

            var ranked = branches.OrderByDescending(b => b.Rate.HasValue).ThenByDescending(b => b.Rate).ThenBy(b => b.Branch, StringComparer.Ordinal).ToList();
            var rows = ranked.Select(b => (IReadOnlyList<ReportCell>)
            [
                ReportCell.Of(b.Branch), ReportCell.Of(b.Summary), b.In is { } i ? ReportCell.Of(i) : ReportCell.Empty, ReportCell.Of(b.Out),
                b.Loss is { } l ? ReportCell.Of(l) : ReportCell.Empty, b.Rate is { } r ? ReportCell.Of(r) : ReportCell.Empty, ReportCell.Of(b.Meters), ReportCell.Of(b.Missing),
            ]).ToList();
            var complete = branches.Where(b => b.Loss is not null).ToList();
            var totalIn = complete.Sum(b => b.In!.Value);
            var totalLoss = complete.Sum(b => b.Loss!.Value);
            ReportColumn[] columns =
            [
                new(BranchKinds.Name(by), ColumnKind.Text), new("summary meter", ColumnKind.Text), new($"entered {unit}", quantity), new($"customers {unit}", quantity),
                new($"loss {unit}", quantity), new("loss rate %", ColumnKind.Percent), new("meters", ColumnKind.Count), new("missing", ColumnKind.Count),
            ];
            var title = utility == Utility.Electricity ? "Line loss" : $"{(utility == Utility.Water ? "Water" : "Gas")} loss";
            return new ReportTable($"{title} by {BranchKinds.Name(by)}", $"{asked.Describe()}; readings within {tolerance.TotalDays:0.##} d of each end", columns, rows)
            {
                // Totals over the branches with a loss figure only: a branch with missing readings would make the sum a guess.
                Totals = [ReportCell.Of($"total ({complete.Count} complete)"), ReportCell.Empty, ReportCell.Of(totalIn), ReportCell.Of(complete.Sum(b => b.Out)), ReportCell.Of(totalLoss),
                    totalIn > 0 ? ReportCell.Of((long)Math.Round(totalLoss * 10_000m / totalIn, MidpointRounding.AwayFromZero)) : ReportCell.Empty,
                    ReportCell.Of(complete.Sum(b => b.Meters)), ReportCell.Of(0)],
                Notes = notes,
            };
        });

    /// <summary>Only the readings near either end of the period: a year of a city's readings is never read for two instants.</summary>
    internal const string ReadingsNearEnds =
        "SELECT meter_id, meter_time, cumulative_energy FROM readings WHERE (meter_time >= @startLo AND meter_time <= @startHi OR meter_time >= @endLo AND meter_time <= @endHi)";

    /// <summary>The value of the reading nearest <paramref name="at"/> within <paramref name="tolerance"/> (the earlier on a tie); null when none is that close.</summary>
    internal static long? Nearest(IReadOnlyList<(DateTimeOffset At, long Energy)> series, DateTimeOffset at, TimeSpan tolerance)
    {
        (TimeSpan Distance, DateTimeOffset At, long Energy)? best = null;
        foreach (var (when, energy) in series)
        {
            var distance = (when - at).Duration();
            if (distance <= tolerance && (best is null || distance < best.Value.Distance || distance == best.Value.Distance && when < best.Value.At))
            {
                best = (distance, when, energy);
            }
        }

        return best?.Energy;
    }
}
