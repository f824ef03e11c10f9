using System.Globalization;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Reports;

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
            // One utility at a time, electricity unless the filter names another: the month's use is in that utility's unit.
            var utility = filter.Utility ?? Utility.Electricity;
            var unit = utility.UnitSymbol();
            // The heading says the filter as it was asked: a site's usual abnormal report reads as before.
            var described = (filter with { From = null, To = null }).Describe();
            filter = filter with { Utility = utility };
            var scope = filter with { From = null, To = null };
            if (ReportSql.Check(connection, scope) is { } refusal)
            {
                return refusal;
            }

            var parameters = new
            {
                lo = ReportSql.Stamp(first.AddMonths(-13)), end = ReportSql.Stamp(end), grp = filter.Group?.ToString(), price = filter.PriceType,
                region = filter.Region, line = filter.Line, area = filter.TransformerArea, utility = utility.Name(),
            };

            // Fourteen months, oldest first: the month before the oldest of 13 (a consumption needs the reading before), up to this one.
            var firstIndex = (first.Year * 12) + first.Month - 13;
            var thisMonth = (first.Year * 12) + first.Month;

            // A million rows each: the readings on a connection of their own while this one reads the rest, each row
            // one key (id × 16 + month slot) into a flat array by id rather than a dictionary.
            var readingsRead = Task.Run(() =>
            {
                using var own = _context.Database.Open();
                var energy = NewMonths<long>(own, "meters", AbnormalScorer.NoReading);
                using var reader = Window(own, MonthlyReadingsSql, parameters.lo!, parameters.end!, firstIndex);
                while (reader.Read())
                {
                    // The register only grows, so a month's highest reading is its last.
                    ref var cell = ref energy[Cell(reader.GetInt64(0))];
                    cell = Math.Max(cell, reader.GetInt64(1));
                }

                return energy;
            });
            var accounts = connection.Query<(long Account, long MeterId, long Customer, string Name, string Meter)>(
                $"SELECT a.id, a.meter_id, c.number, c.name, m.number FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id JOIN price_types p ON p.id = a.price_type_id JOIN supply_groups g ON g.code = a.group_code WHERE a.status = 'open'{ReportSql.Places(filter)} ORDER BY c.number",
                parameters).ToList();

            var purchases = NewMonths<int>(connection, "accounts", 0);
            using (var reader = Window(connection, MonthlyPurchasesSql, parameters.lo!, parameters.end!, firstIndex))
            {
                while (reader.Read())
                {
                    purchases[Cell(reader.GetInt64(0))]++;
                }
            }

            var lastEnergy = readingsRead.GetAwaiter().GetResult();
            var current = thisMonth - firstIndex; // 13
            var lastYear = Key(first.AddMonths(-12));

            var monthsOf = accounts.Select(a => new AccountMonths(a.Customer, a.Name, a.Meter,
                lastEnergy.AsMemory(First(a.MeterId), Months), purchases.AsMemory(First(a.Account), Months))).ToArray();

            // Scoring is pure arithmetic on what was read (AbnormalScorer): spread over the cores, each account's flags in its own slot, kept in order.
            var scoredAccounts = new AccountScore[accounts.Count];
            Parallel.For(0, accounts.Count, i => scoredAccounts[i] = AbnormalScorer.Score(monthsOf[i], current, lastYear, rules, unit));

            // Water and gas: a leak's flat night-time floor over the month's nights (NightFloor).
            var nights = utility == Utility.Electricity ? null : NightsOf(connection, utility, first, end, rules);

            var rows = new List<IReadOnlyList<ReportCell>>();
            for (var i = 0; i < accounts.Count; i++)
            {
                var (flags, _, seenThisMonth) = scoredAccounts[i];
                rows.AddRange(flags);
                if (nights?.GetValueOrDefault(accounts[i].MeterId) is { } read && NightFloor.Leak(read, rules) is var (floor, median))
                {
                    rows.Add(monthsOf[i].Flag(current, "leak", $"nights {rules.NightStart:hh\\:mm}-{rules.NightEnd:hh\\:mm} UTC, floor at least {rules.LeakFloorLitresPerHour} L/h", null,
                        $"use every night: the lowest {ReportCell.Hundredths(floor)} L/h, median {median / 100m:0.00} L/h over {read.Count} night(s) with readings"));
                }

                // Silence: an account seen this month has not been silent for a month, let alone the rule's 60 days; for the rest, look up the exact last moment.
                var account = accounts[i];
                if ((!seenThisMonth || rules.Silence < TimeSpan.FromDays(31))
                    && LastSeen(connection, account.Account, account.MeterId, parameters.end!) is var lastSeen && end - lastSeen >= rules.Silence)
                {
                    rows.Add(monthsOf[i].Flag(current, "silent", lastSeen == default ? "never" : $"last seen {lastSeen:yyyy-MM-dd}", null,
                        lastSeen == default ? "no purchase and no reading ever" : $"{(long)(end - lastSeen).TotalDays} days without a purchase or a reading"));
                }
            }

            var scored = scoredAccounts.Count(a => a.Scored);
            ReportColumn[] columns =
            [
                new("customer", ColumnKind.Text), new("name", ColumnKind.Text), new("meter", ColumnKind.Text), new("flag", ColumnKind.Text),
                new($"{unit} this month", utility == Utility.Electricity ? ColumnKind.Energy : ColumnKind.Volume), new("purchases", ColumnKind.Count), new("reference", ColumnKind.Text), new("score", ColumnKind.Decimal), new("why", ColumnKind.Text),
            ];
            return new ReportTable($"Abnormal consumption, {Key(first)}", described.Replace("all time", $"month {Key(first)}", StringComparison.Ordinal), columns, rows)
            {
                Totals = [ReportCell.Of($"total: {rows.Count} flag(s), {rows.Select(r => r[0].Text).Distinct(StringComparer.Ordinal).Count()} customer(s)"),
                    ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, ReportCell.Empty],
                Notes =
                [
                    $"{accounts.Count} customer(s) looked at; {scored} with a month's consumption and at least {rules.MinHistoryMonths} months of history to score against (modified z-score, |z| > {rules.ScoreThreshold})",
                    .. nights is null ? [] : new[]
                    {
                        $"leak: {accounts.Count(a => nights.GetValueOrDefault(a.MeterId)?.Count >= rules.LeakNights)} meter(s) with at least {rules.LeakNights} nights read ({rules.NightStart:hh\\:mm}-{rules.NightEnd:hh\\:mm} UTC, readings at least {rules.MinNightSpan.TotalHours:0.##} h apart); a night without them is left out, never guessed",
                    },
                ],
            };
        });

    /// <summary>
    /// Each meter of <paramref name="utility"/> with its nights' use rates in the month [<paramref name="first"/>, <paramref name="end"/>)
    /// (<see cref="NightFloor.Nights"/>); the readings a day either side, for a night that crosses midnight.
    /// </summary>
    private static Dictionary<long, List<long>> NightsOf(System.Data.Common.DbConnection connection, Utility utility, DateTimeOffset first, DateTimeOffset end, AbnormalOptions rules) =>
        connection.Query<(long MeterId, string At, long Volume)>(
                $"SELECT r.meter_id, r.meter_time, r.cumulative_energy FROM readings r JOIN meters m ON m.id = r.meter_id JOIN supply_groups g ON g.code = m.group_code WHERE r.meter_time >= @lo AND r.meter_time < @hi AND {ReportSql.GroupUtility} = @utility",
                new { lo = ReportSql.Stamp(first.AddDays(-1)), hi = ReportSql.Stamp(end.AddDays(1)), utility = utility.Name() })
            .GroupBy(r => r.MeterId)
            .ToDictionary(g => g.Key, g => NightFloor.Nights(g.Select(r => (Rows.Time(r.At), r.Volume)), first, end, rules));

    /// <summary>The analysis' window: 14 months, the oldest only for the reading before the first of 13.</summary>
    private const int Months = 14;

    /// <summary>One slot per month for every id of <paramref name="table"/> (ids are dense, from 1).</summary>
    private static T[] NewMonths<T>(System.Data.Common.DbConnection connection, string table, T empty)
    {
        var ids = checked((int)connection.ExecuteScalar<long>($"SELECT COALESCE(MAX(id), 0) FROM {table}") + 1);
        var months = new T[checked(ids * Months)];
        Array.Fill(months, empty);
        return months;
    }

    /// <summary>Where a row's key, id × 16 + month slot, lands in a <see cref="NewMonths{T}"/> array.</summary>
    private static int Cell(long key) => First(key >> 4) + (int)(key & 15);

    /// <summary>Where an id's months start in a <see cref="NewMonths{T}"/> array.</summary>
    private static int First(long id) => checked((int)id * Months);

    /// <summary>A reader over a time window, straight off the data reader: a city's year of readings or receipts is a million rows.</summary>
    private static System.Data.Common.DbDataReader Window(System.Data.Common.DbConnection connection, string sql, string lo, string end, int firstMonth)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in new (string, object)[] { ("@lo", lo), ("@end", end), ("@first", firstMonth) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command.ExecuteReader();
    }

    private static string Key(DateTimeOffset month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Every reading in the window as (meter × 16 + month slot, cumulative energy): the covering time index alone.</summary>
    internal static readonly string MonthlyReadingsSql =
        $"SELECT meter_id * 16 + {MonthOf("meter_time")} - @first, cumulative_energy FROM readings WHERE meter_time >= @lo AND meter_time < @end";

    /// <summary>Every receipt in the window as account × 16 + month slot: the covering time index alone.</summary>
    internal static readonly string MonthlyPurchasesSql =
        $"SELECT s.account_id * 16 + {MonthOf("s.created_at")} - @first FROM sales s WHERE s.created_at >= @lo AND s.created_at < @end AND {Takings}";

    /// <summary>A stamp column's month as year × 12 + month, computed by the database (no text crosses for a million rows).</summary>
    private static string MonthOf(string column) =>
        $"CAST(substr({column}, 1, 4) AS INTEGER) * 12 + CAST(substr({column}, 6, 2) AS INTEGER)";

    /// <summary>The last purchase or reading before <paramref name="before"/>; default when there was none.</summary>
    private static DateTimeOffset LastSeen(System.Data.Common.DbConnection connection, long account, long meterId, string before)
    {
        var latest = connection.ExecuteScalar<string?>(
            $"SELECT MAX(at) FROM (SELECT MAX(s.created_at) AS at FROM sales s WHERE s.account_id = @account AND {Takings} AND s.created_at < @before UNION ALL SELECT MAX(meter_time) FROM readings WHERE meter_id = @meterId AND meter_time < @before) x",
            new { account, meterId, before });
        return latest is null ? default : Rows.Time(latest);
    }

    /// <summary>
    /// An account's monthly consumption over the 12 months up to the one holding <paramref name="month"/>, each
    /// beside the same month a year before — the figures behind a customer's trend chart. A month without a
    /// figure (no reading in it or the month before) is left empty.
    /// </summary>
    public VendResult<ReportTable> ConsumptionTrend(OperatorSession session, long accountId, DateTimeOffset month) =>
        _context.Read<ReportTable>(session, Permission.Queries, connection =>
        {
            var first = new DateTimeOffset(month.UtcDateTime.Year, month.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
            var holder = connection.QueryFirstOrDefault<(long MeterId, long Customer, string Name, string Utility)?>(
                $"SELECT a.meter_id, c.number, c.name, {ReportSql.GroupUtility} FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id JOIN supply_groups g ON g.code = m.group_code WHERE a.id = @accountId AND a.status = 'open'",
                new { accountId });
            if (holder is not { } account)
            {
                return Refuse.NotFound($"no open account {accountId}");
            }

            // 25 months, oldest first: the 24 the chart shows and the one before them, read as the abnormal analysis reads them.
            var firstIndex = (first.Year * 12) + first.Month - 24;
            var energy = new long[25];
            Array.Fill(energy, AbnormalScorer.NoReading);
            foreach (var (monthIndex, cumulative) in connection.Query<(long, long)>(
                $"SELECT {MonthOf("meter_time")}, cumulative_energy FROM readings WHERE meter_id = @meter AND meter_time >= @lo AND meter_time < @end",
                new { meter = account.MeterId, lo = ReportSql.Stamp(first.AddMonths(-24)), end = ReportSql.Stamp(first.AddMonths(1)) }))
            {
                var slot = (int)monthIndex - firstIndex;
                energy[slot] = Math.Max(energy[slot], cumulative);
            }

            var months = new AccountMonths(account.Customer, account.Name, "", energy, new int[25]);
            var rows = Enumerable.Range(13, 12).Select(slot => (IReadOnlyList<ReportCell>)
            [
                ReportCell.Of(Key(first.AddMonths(slot - 24))),
                months.Used(slot) is { } x ? ReportCell.Of(x) : ReportCell.Empty, months.Used(slot - 12) is { } y ? ReportCell.Of(y) : ReportCell.Empty,
            ]).ToList();
            // A water or gas meter's readings are m³: its trend is in m³, never under a kWh column.
            var utility = Utilities.Parse(account.Utility) ?? Utility.Electricity;
            var (unit, kind) = (utility.UnitSymbol(), utility == Utility.Electricity ? ColumnKind.Energy : ColumnKind.Volume);
            ReportColumn[] columns = [new("month", ColumnKind.Text), new(unit, kind), new($"{unit} a year before", kind)];
            return new ReportTable($"Consumption of customer {account.Customer} {account.Name} (account {accountId})", $"12 months to {Key(first)}", columns, rows).WithSummedTotals();
        });
}
