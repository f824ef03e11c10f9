using System.Data;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Reports;

/// <summary>
/// Queries (查询): purchases, corrections, reissues, meter changes, readings and the operation log,
/// each by customer, meter, operator and period. Pending sales are never shown: they are not sales yet.
/// </summary>
public sealed class QueryService
{
    private readonly VendingContext _context;

    internal QueryService(VendingContext context) => _context = context;

    /// <summary>Every settled sale (committed, corrected, cancelled), oldest first.</summary>
    public VendResult<IReadOnlyList<Receipt>> Purchases(OperatorSession session, QueryFilter filter) =>
        Sales(session, filter, "s.status <> 'pending'");

    /// <summary>Corrected sales and the corrections that replaced them, and cancelled sales.</summary>
    public VendResult<IReadOnlyList<Receipt>> Corrections(OperatorSession session, QueryFilter filter) =>
        Sales(session, filter, "(s.status IN ('corrected', 'cancelled') OR s.kind = 'correction')");

    public VendResult<IReadOnlyList<ReissueRecord>> Reissues(OperatorSession session, QueryFilter filter) =>
        _context.Read<IReadOnlyList<ReissueRecord>>(session, Permission.Queries, connection =>
            connection.Query<ReissueRow>(
                    """
                    SELECT r.account_id, r.old_serial, r.new_serial, r.purchase_count, r.reason, r.operator, r.at
                    FROM reissues r JOIN accounts a ON a.id = r.account_id JOIN customers c ON c.id = a.customer_id JOIN meters m ON m.id = a.meter_id
                    WHERE
                    """ + Where("r.operator", "r.at") + " ORDER BY r.id",
                    Parameters(filter))
                .Select(r => r.ToModel()).ToList());

    public VendResult<IReadOnlyList<MeterChangeRecord>> MeterChanges(OperatorSession session, QueryFilter filter) =>
        _context.Read<IReadOnlyList<MeterChangeRecord>>(session, Permission.Queries, connection =>
            connection.Query<ChangeRow>(
                    """
                    SELECT x.account_id, o.number AS old_meter, m.number AS new_meter, a.group_code, g.credit_unit, x.transferred, x.preset, x.credited, x.operator, x.at
                    FROM meter_changes x JOIN accounts a ON a.id = x.account_id JOIN customers c ON c.id = a.customer_id
                         JOIN meters o ON o.id = x.old_meter_id JOIN meters m ON m.id = x.new_meter_id JOIN supply_groups g ON g.code = a.group_code
                    WHERE
                    """ + Where("x.operator", "x.at", meterColumn: "o.number") + " ORDER BY x.id",
                    Parameters(filter))
                .Select(r => r.ToModel()).ToList());

    /// <summary>
    /// Account transfers (过户), oldest first; the customer filter matches the customer who gave the meter up and the one who
    /// received it, the meter filter the meter transferred.
    /// </summary>
    public VendResult<IReadOnlyList<AccountTransferRecord>> Transfers(OperatorSession session, QueryFilter filter) =>
        _context.Read<IReadOnlyList<AccountTransferRecord>>(session, Permission.Queries, connection =>
            connection.Query<TransferRow>(
                    """
                    SELECT t.id, t.from_account_id, fc.number AS from_customer, fc.name AS from_name, t.to_account_id, tc.number AS to_customer, tc.name AS to_name,
                           m.number AS meter, t.card_serial, t.purchase_count, t.arrears_kept, t.credit_unit, t.remaining, t.reason, t.operator, t.at
                    FROM account_transfers t JOIN accounts fa ON fa.id = t.from_account_id JOIN customers fc ON fc.id = fa.customer_id
                         JOIN accounts ta ON ta.id = t.to_account_id JOIN customers tc ON tc.id = ta.customer_id JOIN meters m ON m.id = t.meter_id
                    WHERE (@customer IS NULL OR fc.number = @customer OR tc.number = @customer) AND (@meter IS NULL OR m.number = @meter)
                      AND (@op IS NULL OR t.operator = @op) AND (@from IS NULL OR t.at >= @from) AND (@to IS NULL OR t.at < @to)
                    ORDER BY t.id
                    """,
                    Parameters(filter))
                .Select(r => r.ToModel()).ToList());

    public VendResult<IReadOnlyList<MeterReading>> Readings(OperatorSession session, QueryFilter filter) =>
        _context.Read<IReadOnlyList<MeterReading>>(session, Permission.Queries, connection =>
            connection.Query<ReadingRow>(
                    """
                    SELECT m.number AS meter, r.source, r.loaded_count, r.remaining, r.credit_unit, r.cumulative_energy, r.status, r.meter_time, r.recorded_at
                    FROM readings r JOIN meters m ON m.id = r.meter_id
                    LEFT JOIN accounts a ON a.meter_id = m.id AND a.status = 'open' LEFT JOIN customers c ON c.id = a.customer_id
                    WHERE
                    """ + Where("r.operator", "r.meter_time") + " ORDER BY r.meter_time, r.id",
                    Parameters(filter))
                .Select(r => r.ToModel()).ToList());

    /// <summary>Error-tolerance sales and card resets for selling (administrators' uses, each with its evidence and reason), oldest first.</summary>
    public VendResult<IReadOnlyList<ToleranceUse>> ToleranceUses(OperatorSession session, QueryFilter filter) =>
        _context.Read<IReadOnlyList<ToleranceUse>>(session, Permission.Queries, connection =>
            connection.Query<ToleranceUseRow>(ToleranceUseRow.Select + " WHERE " + Where("t.operator", "t.at") + " ORDER BY t.id", Parameters(filter))
                .Select(r => r.ToModel()).ToList());

    /// <summary>The operation log; the customer and meter filters match the entry's subject.</summary>
    public VendResult<IReadOnlyList<LogEntry>> OperationLog(OperatorSession session, QueryFilter filter) =>
        _context.Read<IReadOnlyList<LogEntry>>(session, Permission.Audit, connection =>
        {
            ArgumentNullException.ThrowIfNull(filter);
            var subject = filter.Meter?.ToString() ?? filter.Customer?.ToString();
            return connection.Query<Audit.OperationLog.LogRow>(
                    """
                    SELECT seq, at, operator, action, subject, detail, covers, prev_hash, hash, mac FROM operation_log
                    WHERE (@op IS NULL OR operator = @op) AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to) AND (@subject IS NULL OR subject = @subject)
                    ORDER BY seq
                    """,
                    new { op = filter.Operator, from = Stamp(filter.From), to = Stamp(filter.To), subject })
                .Select(r => r.ToEntry()).ToList();
        });

    private VendResult<IReadOnlyList<Receipt>> Sales(OperatorSession session, QueryFilter filter, string condition) =>
        _context.Read<IReadOnlyList<Receipt>>(session, Permission.Queries, connection =>
            connection.Query<SaleRow>(SaleRow.Select + " WHERE " + condition + " AND " + Where("s.operator", "s.created_at") + " ORDER BY s.created_at, s.id", Parameters(filter))
                .Select(s => s.ToModel()).ToList());

    // Only fixed column names are spliced in; every value is a parameter.
    private static string Where(string operatorColumn, string timeColumn, string meterColumn = "m.number") =>
        $"(@customer IS NULL OR c.number = @customer) AND (@meter IS NULL OR {meterColumn} = @meter) AND (@op IS NULL OR {operatorColumn} = @op)"
        + $" AND (@from IS NULL OR {timeColumn} >= @from) AND (@to IS NULL OR {timeColumn} < @to)";

    private static object Parameters(QueryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new
        {
            customer = filter.Customer is { } c ? (long?)checked((long)c.Value) : null,
            meter = filter.Meter is { } m ? Rows.Meter(m) : null,
            op = filter.Operator,
            from = Stamp(filter.From),
            to = Stamp(filter.To),
        };
    }

    private static string? Stamp(DateTimeOffset? at) => at is { } t ? Audit.OperationLog.Stamp(t) : null;

    private sealed class ReissueRow
    {
        public long AccountId { get; init; }
        public long OldSerial { get; init; }
        public long NewSerial { get; init; }
        public long PurchaseCount { get; init; }
        public string Reason { get; init; } = "";
        public string Operator { get; init; } = "";
        public string At { get; init; } = "";

        public ReissueRecord ToModel() => new(AccountId, CardSerial.From(checked((ulong)OldSerial)), CardSerial.From(checked((ulong)NewSerial)),
            Core.PurchaseCount.From(checked((uint)PurchaseCount)), Reason, Operator, Rows.Time(At));
    }

    private sealed class ChangeRow
    {
        public long AccountId { get; init; }
        public string OldMeter { get; init; } = "";
        public string NewMeter { get; init; } = "";
        public string CreditUnit { get; init; } = "";
        public long Transferred { get; init; }
        public long Preset { get; init; }
        public long Credited { get; init; }
        public string Operator { get; init; } = "";
        public string At { get; init; } = "";

        public MeterChangeRecord ToModel()
        {
            var unit = Rows.Unit(CreditUnit);
            return new(AccountId, Rows.Meter(OldMeter), Rows.Meter(NewMeter), new(unit, Transferred), new(unit, Preset), new(unit, Credited), Operator, Rows.Time(At));
        }
    }

    internal sealed class TransferRow
    {
        public long Id { get; init; }
        public long FromAccountId { get; init; }
        public long FromCustomer { get; init; }
        public string FromName { get; init; } = "";
        public long ToAccountId { get; init; }
        public long ToCustomer { get; init; }
        public string ToName { get; init; } = "";
        public string Meter { get; init; } = "";
        public long CardSerial { get; init; }
        public long PurchaseCount { get; init; }
        public long ArrearsKept { get; init; }
        public string CreditUnit { get; init; } = "";
        public long? Remaining { get; init; }
        public string Reason { get; init; } = "";
        public string Operator { get; init; } = "";
        public string At { get; init; } = "";

        public AccountTransferRecord ToModel() => new(Id, FromAccountId, CustomerNumber.From(checked((ulong)FromCustomer)), FromName, ToAccountId,
            CustomerNumber.From(checked((ulong)ToCustomer)), ToName, Rows.Meter(Meter), Core.CardSerial.From(checked((ulong)CardSerial)),
            Core.PurchaseCount.From(checked((uint)PurchaseCount)), Money.FromHundredths(ArrearsKept),
            Remaining is { } r ? new CreditAmount(Rows.Unit(CreditUnit), r) : null, Reason, Operator, Rows.Time(At));
    }

    private sealed class ReadingRow
    {
        public string Meter { get; init; } = "";
        public string Source { get; init; } = "";
        public long LoadedCount { get; init; }
        public long Remaining { get; init; }
        public string CreditUnit { get; init; } = "";
        public long CumulativeEnergy { get; init; }
        public long Status { get; init; }
        public string MeterTime { get; init; } = "";
        public string RecordedAt { get; init; } = "";

        public MeterReading ToModel() => new(Rows.Meter(Meter), Rows.Enum<ReadingSource>(Source), PurchaseCount.From(checked((uint)LoadedCount)),
            new(Rows.Unit(CreditUnit), Remaining), Energy.FromHundredths(CumulativeEnergy), checked((ushort)Status), Rows.Time(MeterTime), Rows.Time(RecordedAt));
    }
}
