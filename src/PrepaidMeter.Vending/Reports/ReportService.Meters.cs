using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.Reports;

/// <summary>The meter-reading report and the account book.</summary>
public sealed partial class ReportService
{
    /// <summary>
    /// The latest reading of every meter that has one, with its source (return-write, check card, link) and
    /// its age at <c>now</c>; place filters match the customer the meter is installed at.
    /// </summary>
    public VendResult<ReportTable> Readings(OperatorSession session, ReportFilter filter) =>
        _context.Read<ReportTable>(session, Permission.Queries, connection =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            if (ReportSql.Check(connection, filter) is { } refusal)
            {
                return refusal;
            }

            var now = _context.Now;
            var latest = connection.Query<LatestReading>(
                    $"""
                    SELECT m.number AS meter, c.number AS customer, c.name AS name, r.source, r.meter_time, r.cumulative_energy, r.remaining, r.credit_unit, {ReportSql.GroupUtility} AS utility
                    FROM meters m JOIN supply_groups g ON g.code = m.group_code
                    JOIN readings r ON r.id = (SELECT r2.id FROM readings r2 WHERE r2.meter_id = m.id{(filter.From is null ? "" : " AND r2.meter_time >= @from")}{(filter.To is null ? "" : " AND r2.meter_time < @to")}
                                               ORDER BY r2.meter_time DESC, r2.id DESC LIMIT 1)
                    LEFT JOIN accounts a ON a.meter_id = m.id AND a.status = 'open' LEFT JOIN customers c ON c.id = a.customer_id
                    LEFT JOIN price_types p ON p.id = a.price_type_id
                    WHERE 1 = 1{(filter.Operator is null ? "" : " AND r.operator = @op")}{ReportSql.Places(filter, "m.group_code")}
                    ORDER BY m.number
                    """, ReportSql.Parameters(filter)).ToList();

            // A water or gas meter's register is m³: in a column of its own, never under kWh (added only when such a meter is in the report).
            var volumes = latest.Any(r => r.Utility != "electricity");
            var rows = latest.Select(r =>
                {
                    var electric = r.Utility == "electricity";
                    var at = Rows.Time(r.MeterTime);
                    return (IReadOnlyList<ReportCell>)
                    [
                        ReportCell.Of(r.Meter), ReportCell.Of(r.Customer?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ReportCell.Of(r.Name),
                        ReportCell.Of(Source(r.Source)), ReportCell.Of(at.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)),
                        ReportCell.Of((long)Math.Floor((now - at).TotalDays)), electric ? ReportCell.Of(r.CumulativeEnergy) : ReportCell.Empty, ReportCell.Of(r.Remaining), ReportCell.Of(r.CreditUnit),
                        .. volumes ? new[] { electric ? ReportCell.Empty : ReportCell.Of(r.CumulativeEnergy), ReportCell.Of(r.Utility) } : [],
                    ];
                }).ToList();
            ReportColumn[] columns =
            [
                new("meter", ColumnKind.Text), new("customer", ColumnKind.Text), new("name", ColumnKind.Text), new("source", ColumnKind.Text),
                new("read at", ColumnKind.Text), new("age days", ColumnKind.Count), new("cumulative kWh", ColumnKind.Energy), new("remaining", ColumnKind.Money),
                new("unit", ColumnKind.Text), .. volumes ? new ReportColumn[] { new("cumulative m³", ColumnKind.Volume), new("utility", ColumnKind.Text) } : [],
            ];

            // Water's m³ and gas's m³ are not one quantity either: summed only when the report holds one of them.
            var mixedVolumes = latest.Select(r => r.Utility).Where(u => u != "electricity").Distinct(StringComparer.Ordinal).Count() > 1;
            return new ReportTable("Meter-reading report", filter.Describe(), columns, rows).WithSummedTotals(mixedVolumes ? ["age days", "remaining", "cumulative m³"] : ["age days", "remaining"]) with
            {
                Notes = rows.Count == 0 ? [] : [$"{rows.Count} meter(s); remaining is in each meter's own credit unit and is not summed"],
            };
        });

    /// <summary>
    /// An account's book (账本), oldest first: each arrears charge a debit; each receipt a debit of the credit
    /// it bought and a credit of what was paid (which includes the arrears it collected). The balance after
    /// the last line is minus the arrears still owed.
    /// </summary>
    public VendResult<ReportTable> AccountBook(OperatorSession session, long accountId, ReportFilter filter) =>
        _context.Read<ReportTable>(session, Permission.Queries, connection =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            var account = connection.QueryFirstOrDefault<(long Number, string Name, string Meter)?>(
                "SELECT c.number, c.name, m.number FROM accounts a JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id WHERE a.id = @accountId AND a.status IN ('open', 'transferred', 'closed')",
                new { accountId });
            if (account is not { } holder)
            {
                return Refuse.NotFound($"no account {accountId}");
            }

            var parameters = new { accountId, from = ReportSql.Stamp(filter.From), to = ReportSql.Stamp(filter.To) };
            var lines = connection.Query<BookLine>(
                """
                SELECT at, what, debit, credit FROM (
                    SELECT x.at AS at, x.id AS seq, 0 AS kind, 'arrears charged: ' || x.reason AS what, x.amount AS debit, 0 AS credit
                    FROM account_charges x WHERE x.account_id = @accountId
                    UNION ALL
                    SELECT s.created_at, s.id, 1, s.kind || ' receipt ' || s.receipt_no, s.money - s.arrears_collected, s.money
                    FROM sales s WHERE s.account_id = @accountId AND s.status = 'committed' AND s.kind <> 'transfer'
                ) book
                WHERE (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)
                ORDER BY at, kind, seq
                """, parameters).ToList();
            var opening = connection.ExecuteScalar<long>(
                """
                SELECT COALESCE((SELECT SUM(s.arrears_collected) FROM sales s WHERE s.account_id = @accountId AND s.status = 'committed' AND s.kind <> 'transfer' AND @from IS NOT NULL AND s.created_at < @from), 0)
                     - COALESCE((SELECT SUM(x.amount) FROM account_charges x WHERE x.account_id = @accountId AND @from IS NOT NULL AND x.at < @from), 0)
                """, parameters);
            var balance = opening;
            var rows = new List<IReadOnlyList<ReportCell>>();
            foreach (var line in lines)
            {
                balance += line.Credit - line.Debit;
                rows.Add([ReportCell.Of(Rows.Time(line.At).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)), ReportCell.Of(line.What),
                    ReportCell.Of(line.Debit), ReportCell.Of(line.Credit), ReportCell.Of(balance)]);
            }

            ReportColumn[] columns = [new("at", ColumnKind.Text), new("line", ColumnKind.Text), new("debit", ColumnKind.Money), new("credit", ColumnKind.Money), new("balance", ColumnKind.Money)];
            var table = new ReportTable($"Account book: account {accountId}, customer {CustomerNumber.From(checked((ulong)holder.Number))} {holder.Name}, meter {holder.Meter}",
                filter.Describe(), columns, rows);
            return table with
            {
                Totals = [ReportCell.Of("total"), ReportCell.Empty, ReportCell.Of(rows.Sum(r => r[2].Number ?? 0)), ReportCell.Of(rows.Sum(r => r[3].Number ?? 0)), ReportCell.Of(balance)],
                Notes = [$"opening balance {ReportCell.Hundredths(opening)}; a balance below zero is arrears owed"],
            };
        });

    private static string Source(string source) => source switch
    {
        "returnwrite" => "return-write",
        "checkcard" => "check card",
        _ => source,
    };

    private sealed record LatestReading
    {
        public string Meter { get; init; } = "";
        public long? Customer { get; init; }
        public string? Name { get; init; }
        public string Source { get; init; } = "";
        public string MeterTime { get; init; } = "";
        public long CumulativeEnergy { get; init; }
        public long Remaining { get; init; }
        public string CreditUnit { get; init; } = "";
        public string Utility { get; init; } = "";
    }

    private sealed record BookLine
    {
        public string At { get; init; } = "";
        public string What { get; init; } = "";
        public long Debit { get; init; }
        public long Credit { get; init; }
    }
}
