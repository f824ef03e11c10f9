using System.Data;
using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Audit;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Security;
using PrepaidMeter.Vending.Storage;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.Books;

/// <summary>
/// Meters (表计) through their life: stocked in, installed by opening an account, replaced by a meter
/// change, restored to stock after repair, retired. Each step goes into the meter file (表计档案).
/// </summary>
public sealed class MeterService
{
    private readonly VendingContext _context;

    internal MeterService(VendingContext context) => _context = context;

    public VendResult<MeterInfo> StockIn(OperatorSession session, MeterNumber number, SupplyGroupCode group, string model) =>
        _context.Write<MeterInfo>(session, Permission.Meters, scope =>
        {
            if (number == default)
            {
                return Refuse.Invalid("meter number 0 means 'any meter' on tool cards; a meter needs its nameplate number");
            }

            if (SupplyGroupService.Find(scope.Connection, scope.Transaction, group) is not { } g)
            {
                return Refuse.NotFound($"no supply group {group}");
            }

            if (Find(scope.Connection, scope.Transaction, number) is not null)
            {
                return Refuse.Conflict($"meter {number} is already in the books");
            }

            var id = scope.InsertCovered(AuditedTable.Meters,
                "INSERT INTO meters (number, group_code, model, status, stocked_at) VALUES (@number, @group, @model, 'stock', @at)",
                new { number = Rows.Meter(number), group = g.Code, model = string.IsNullOrWhiteSpace(model) ? g.MeterModel : model, at = scope.Stamp });
            AddHistory(scope, id, "stock in", $"group {g.Code}");
            scope.Log("meter stock in", number.ToString(), $"group {g.Code}");
            return Find(scope.Connection, scope.Transaction, number)!.ToModel();
        });

    /// <summary>A removed meter, repaired, goes back to stock.</summary>
    public VendResult<MeterInfo> Restore(OperatorSession session, MeterNumber number) =>
        Move(session, number, "restore", MeterStatus.Stock, MeterStatus.Removed);

    public VendResult<MeterInfo> Retire(OperatorSession session, MeterNumber number) =>
        Move(session, number, "retire", MeterStatus.Retired, MeterStatus.Stock, MeterStatus.Removed);

    public VendResult<IReadOnlyList<MeterInfo>> List(OperatorSession session, MeterStatus? status = null) =>
        _context.Read<IReadOnlyList<MeterInfo>>(session, Permission.Queries, connection =>
            connection.Query<MeterRow>("SELECT * FROM meters WHERE @status IS NULL OR status = @status ORDER BY number",
                new { status = status is { } s ? Rows.Lower(s) : null }).Select(m => m.ToModel()).ToList());

    /// <summary>The meter file: every step of the meter's life, oldest first.</summary>
    public VendResult<(MeterInfo Meter, IReadOnlyList<MeterHistoryEntry> History)> File(OperatorSession session, MeterNumber number) =>
        _context.Read<(MeterInfo, IReadOnlyList<MeterHistoryEntry>)>(session, Permission.Queries, connection =>
        {
            if (Find(connection, null, number) is not { } meter)
            {
                return Refuse.NotFound($"no meter {number}");
            }

            var history = connection.Query<(string At, string Event, string Detail, string Operator)>(
                    "SELECT at, event, detail, operator FROM meter_history WHERE meter_id = @Id ORDER BY id", new { meter.Id })
                .Select(h => new MeterHistoryEntry(Rows.Time(h.At), h.Event, h.Detail, h.Operator)).ToList();
            return (meter.ToModel(), history);
        });

    internal static MeterRow? Find(IDbConnection connection, IDbTransaction? transaction, MeterNumber number) =>
        connection.QueryFirstOrDefault<MeterRow>("SELECT * FROM meters WHERE number = @number", new { number = Rows.Meter(number) }, transaction);

    internal static void AddHistory(WriteScope scope, long meterId, string @event, string detail) =>
        scope.Execute("INSERT INTO meter_history (meter_id, at, event, detail, operator) VALUES (@meterId, @at, @event, @detail, @op)",
            new { meterId, at = scope.Stamp, @event, detail, op = scope.Operator });

    internal static MeterInfo SetStatus(WriteScope scope, MeterRow meter, string @event, MeterStatus status, string detail = "")
    {
        scope.ExecuteCovered(AuditedTable.Meters, "UPDATE meters SET status = @status WHERE id = @Id", new { meter.Id, status = Rows.Lower(status) });
        AddHistory(scope, meter.Id, @event, detail);
        scope.Log($"meter {@event}", meter.Number, detail);
        return Find(scope.Connection, scope.Transaction, Rows.Meter(meter.Number))!.ToModel();
    }

    private VendResult<MeterInfo> Move(OperatorSession session, MeterNumber number, string @event, MeterStatus to, params MeterStatus[] from) =>
        _context.Write<MeterInfo>(session, Permission.Meters, scope =>
        {
            if (Find(scope.Connection, scope.Transaction, number) is not { } meter)
            {
                return Refuse.NotFound($"no meter {number}");
            }

            return from.Any(f => meter.Status == Rows.Lower(f))
                ? SetStatus(scope, meter, @event, to)
                : Refuse.Conflict($"meter {number} is {meter.Status}; only a meter {string.Join(" or ", from.Select(Rows.Lower))} can {@event}");
        });
}
