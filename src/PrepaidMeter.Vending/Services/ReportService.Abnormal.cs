using System.Globalization;
using Dapper;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Services;

/// <summary>Suspicious customers (异常用户): consumption and buying out of line with the customer's own past.</summary>
public sealed partial class ReportService
{
    /// <summary>
    /// Flags for one month (the UTC month holding <paramref name="month"/>), each with the numbers that raised
    /// it: <c>outlier</c> — the month's consumption is a robust outlier against the customer's previous 12
    /// months (median and MAD, at least <see cref="AbnormalOptions.MinHistoryMonths"/> of them);
    /// <c>drop</c> — below <see cref="AbnormalOptions.DropPercent"/>% of the same month last year;
    /// <c>buying</c> — the number of purchases is a robust outlier against the previous 12 months; and
    /// <c>silent</c> — no purchase and no reading for <see cref="AbnormalOptions.Silence"/> up to the month's end.
    /// A month's consumption is the meter's cumulative energy at its last reading in the month less that in the
    /// month before (the register only grows; a month without a reading, or a meter cleared, has no figure).
    /// </summary>
    public VendResult<ReportTable> Abnormal(OperatorSession session, DateTimeOffset month, ReportFilter filter, AbnormalOptions? options = null) =>
        _context.Read<ReportTable>(session, Permission.Queries, connection =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            var rules = options ?? new AbnormalOptions();
            var first = new DateTimeOffset(month.UtcDateTime.Year, month.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
            var end = first.AddMonths(1);
            var scope = filter with { From = null, To = null };
            if (ReportSql.Check(connection, scope) is { } refusal)
            {
                return refusal;
            }

            var parameters = new
            {
                lo = ReportSql.Stamp(first.AddMonths(-13)), end = ReportSql.Stamp(end), grp = filter.Group?.ToString(), price = filter.PriceType,
                region = filter.Region, line = filter.Line, area = filter.TransformerArea,
            };
            const string Places = "(@grp IS NULL OR a.group_code = @grp) AND (@price IS NULL OR p.name = @price) AND (@region IS NULL OR c.region = @region) AND (@line IS NULL OR c.line = @line) AND (@area IS NULL OR c.transformer_area = @area)";
            var accounts = connection.Query<(long Account, long MeterId, long Customer, string Name, string Meter)>(
                $"SELECT a.id, a.meter_id, c.number, c.name, m.number FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id JOIN price_types p ON p.id = a.price_type_id WHERE a.status = 'open' AND {Places} ORDER BY c.number",
                parameters).ToList();
            var lastReading = connection.Query<(long MeterId, string Month, long Energy)>(
                    "SELECT meter_id, substr(meter_time, 1, 7), MAX(cumulative_energy) FROM readings WHERE meter_time >= @lo AND meter_time < @end GROUP BY meter_id, substr(meter_time, 1, 7)", parameters)
                .ToDictionary(r => (r.MeterId, r.Month), r => r.Energy);
            var buying = connection.Query<(long Account, string Month, long Count)>(
                    $"SELECT s.account_id, substr(s.created_at, 1, 7), COUNT(*) FROM sales s WHERE {Takings} AND s.created_at >= @lo AND s.created_at < @end GROUP BY s.account_id, substr(s.created_at, 1, 7)", parameters)
                .ToDictionary(r => (r.Account, r.Month), r => r.Count);
            var lastPurchase = connection.Query<(long Account, string At)>(
                    $"SELECT s.account_id, MAX(s.created_at) FROM sales s WHERE {Takings} AND s.created_at < @end GROUP BY s.account_id", parameters)
                .ToDictionary(r => r.Account, r => Rows.Time(r.At));
            var lastRead = connection.Query<(long MeterId, string At)>("SELECT meter_id, MAX(meter_time) FROM readings WHERE meter_time < @end GROUP BY meter_id", parameters)
                .ToDictionary(r => r.MeterId, r => Rows.Time(r.At));

            static string Key(DateTimeOffset m) => m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var months = Enumerable.Range(0, 14).Select(i => first.AddMonths(i - 13)).ToArray(); // 13 months back to this one
            var rows = new List<IReadOnlyList<ReportCell>>();
            var scored = 0;
            foreach (var account in accounts)
            {
                long? Used(DateTimeOffset m) =>
                    lastReading.TryGetValue((account.MeterId, Key(m)), out var now) && lastReading.TryGetValue((account.MeterId, Key(m.AddMonths(-1))), out var before) && now >= before
                        ? now - before : null;
                var count = buying.GetValueOrDefault((account.Account, Key(first)));
                var used = Used(first);
                void Flag(string kind, string reference, decimal? score, string why) => rows.Add(
                [
                    ReportCell.Of(account.Customer.ToString(CultureInfo.InvariantCulture)), ReportCell.Of(account.Name), ReportCell.Of(account.Meter), ReportCell.Of(kind),
                    used is { } v ? ReportCell.Of(v) : ReportCell.Empty, ReportCell.Of(count), ReportCell.Of(reference),
                    score is { } s ? ReportCell.Of((long)Math.Round(s * 100, MidpointRounding.AwayFromZero)) : ReportCell.Empty, ReportCell.Of(why),
                ]);

                var history = months[1..^1].Select(Used).OfType<long>().ToList();
                if (used is { } x && history.Count >= rules.MinHistoryMonths)
                {
                    scored++;
                    if (RobustScore.IsOutlier(x, history, rules.ScoreThreshold, out var z))
                    {
                        Flag("outlier", $"median {ReportCell.Hundredths((long)RobustScore.Median(history))} kWh, MAD {ReportCell.Hundredths((long)RobustScore.Mad(history))}", z,
                            $"{ReportCell.Hundredths(x)} kWh against {history.Count} months of history");
                    }
                }

                if (used is { } thisYear && Used(first.AddMonths(-12)) is { } lastYear && lastYear > 0 && thisYear * 100 < lastYear * rules.DropPercent)
                {
                    Flag("drop", $"{ReportCell.Hundredths(lastYear)} kWh in {Key(first.AddMonths(-12))}", null,
                        $"{thisYear * 100 / lastYear}% of the same month last year");
                }

                var counts = months[1..^1].Select(m => buying.GetValueOrDefault((account.Account, Key(m)))).ToList();
                if (counts.Count(c => c > 0) >= rules.MinHistoryMonths && RobustScore.IsOutlier(count, counts, rules.ScoreThreshold, out var zc))
                {
                    Flag("buying", $"median {RobustScore.Median(counts):0.#} purchases a month", zc, $"{count} purchase(s) this month");
                }

                var lastSeen = new[] { lastPurchase.GetValueOrDefault(account.Account), lastRead.GetValueOrDefault(account.MeterId) }.Max();
                if (end - lastSeen >= rules.Silence)
                {
                    Flag("silent", lastSeen == default ? "never" : $"last seen {lastSeen:yyyy-MM-dd}", null,
                        lastSeen == default ? "no purchase and no reading ever" : $"{(long)(end - lastSeen).TotalDays} days without a purchase or a reading");
                }
            }

            ReportColumn[] columns =
            [
                new("customer", ColumnKind.Text), new("name", ColumnKind.Text), new("meter", ColumnKind.Text), new("flag", ColumnKind.Text),
                new("kWh this month", ColumnKind.Energy), new("purchases", ColumnKind.Count), new("reference", ColumnKind.Text), new("score", ColumnKind.Decimal), new("why", ColumnKind.Text),
            ];
            return new ReportTable($"Abnormal consumption, {Key(first)}", scope.Describe().Replace("all time", $"month {Key(first)}", StringComparison.Ordinal), columns, rows)
            {
                Totals = [ReportCell.Of($"total: {rows.Count} flag(s), {rows.Select(r => r[0].Text).Distinct(StringComparer.Ordinal).Count()} customer(s)"),
                    ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, ReportCell.Empty],
                Notes = [$"{accounts.Count} customer(s) looked at; {scored} with a month's consumption and at least {rules.MinHistoryMonths} months of history to score against (modified z-score, |z| > {rules.ScoreThreshold})"],
            };
        });

    /// <summary>
    /// An account's monthly consumption over the 12 months up to the one holding <paramref name="month"/>, each
    /// beside the same month a year before — the figures behind a customer's trend chart. A month without a
    /// figure (no reading in it or the month before) is left empty.
    /// </summary>
    public VendResult<ReportTable> ConsumptionTrend(OperatorSession session, long accountId, DateTimeOffset month) =>
        _context.Read<ReportTable>(session, Permission.Queries, connection =>
        {
            var first = new DateTimeOffset(month.UtcDateTime.Year, month.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
            var holder = connection.QueryFirstOrDefault<(long MeterId, long Customer, string Name)?>(
                "SELECT a.meter_id, c.number, c.name FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.id = @accountId AND a.status = 'open'", new { accountId });
            if (holder is not { } account)
            {
                return Refuse.NotFound($"no open account {accountId}");
            }

            var last = connection.Query<(string Month, long Energy)>(
                    "SELECT substr(meter_time, 1, 7), MAX(cumulative_energy) FROM readings WHERE meter_id = @meter AND meter_time >= @lo AND meter_time < @end GROUP BY substr(meter_time, 1, 7)",
                    new { meter = account.MeterId, lo = ReportSql.Stamp(first.AddMonths(-24)), end = ReportSql.Stamp(first.AddMonths(1)) })
                .ToDictionary(r => r.Month, r => r.Energy, StringComparer.Ordinal);
            static string Key(DateTimeOffset m) => m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            long? Used(DateTimeOffset m) =>
                last.TryGetValue(Key(m), out var now) && last.TryGetValue(Key(m.AddMonths(-1)), out var before) && now >= before ? now - before : null;
            var rows = Enumerable.Range(0, 12).Select(i => first.AddMonths(i - 11)).Select(m => (IReadOnlyList<ReportCell>)
            [
                ReportCell.Of(Key(m)), Used(m) is { } x ? ReportCell.Of(x) : ReportCell.Empty, Used(m.AddMonths(-12)) is { } y ? ReportCell.Of(y) : ReportCell.Empty,
            ]).ToList();
            ReportColumn[] columns = [new("month", ColumnKind.Text), new("kWh", ColumnKind.Energy), new("kWh a year before", ColumnKind.Energy)];
            return new ReportTable($"Consumption of customer {account.Customer} {account.Name} (account {accountId})", $"12 months to {Key(first)}", columns, rows).WithSummedTotals();
        });
}
