using System.Data.Common;
using System.Text.Json;
using Dapper;
using PrepaidMeter.Cards.Records;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Storage;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>
/// Reads a pending row written before the operations were records: its <c>operation</c> column names the operation,
/// its <c>settle</c> is one flat payload for every operation. Books upgraded with a write in flight settle it by this.
/// </summary>
internal static class EarlierSettle
{
    public static CardWriteOperation Read(CardWriteRow row, DbConnection connection)
    {
        var payload = JsonSerializer.Deserialize<Payload>(row.Settle) ?? new Payload();
        var group = Needed(row, payload.GroupCode);
        return row.Operation switch
        {
            // The payload did not say the sale's kind (every kind was "sale"); the sale row it names does.
            "sale" => Rows.Enum<SaleKind>(connection.ExecuteScalar<string>("SELECT kind FROM sales WHERE id = @SaleId", new { row.SaleId })
                    ?? throw new InvalidOperationException($"Card write {row.Id}: sale {row.SaleId} is gone.")) switch
            {
                SaleKind.Opening => new OpeningSaleWrite(group),
                SaleKind.Transfer => new TransferSaleWrite(group, Needed(row, payload.OldMeterId), Needed(row, payload.Transferred), Needed(row, payload.Preset)),
                _ => new PlainSaleWrite(group, payload.PaymentIds ?? []),
            },
            "correction" => new CorrectionWrite(group),
            "cancel" => new CancelWrite(group),
            "reissue" => new ReissueWrite(group, Needed(row, payload.NewSerial), Needed(row, payload.OldSerial), Needed(row, payload.PurchaseCount), Needed(row, payload.Reason)),
            "tool-card" => new ToolCardWrite(group, Rows.Enum<CardKind>(Needed(row, payload.ToolKind)), Needed(row, payload.MeterNumber), payload.Summary ?? ""),
            "meter-change-card" => new MeterChangeCardWrite(group, Needed(row, payload.MeterNumber), payload.Summary ?? ""),
            "recycle" => new RecycleWrite(group, payload.Summary ?? ""),
            _ => throw new InvalidOperationException($"Card write {row.Id} has unknown operation '{row.Operation}'."),
        };
    }

    private static T Needed<T>(CardWriteRow row, T? value) where T : class =>
        value ?? throw new InvalidOperationException($"Card write {row.Id} ({row.Operation}): its settle lacks a value the operation needs.");

    private static T Needed<T>(CardWriteRow row, T? value) where T : struct =>
        value ?? throw new InvalidOperationException($"Card write {row.Id} ({row.Operation}): its settle lacks a value the operation needs.");

    /// <summary>
    /// The payload class of the earlier program, field for field in its order, so the tests can write its text as it
    /// did (MeterId and NewMeterId were never set nor read).
    /// </summary>
    internal sealed class Payload
    {
        public long? MeterId { get; init; }
        public long? NewMeterId { get; init; }
        public long? OldMeterId { get; init; }
        public long? Transferred { get; init; }
        public long? Preset { get; init; }
        public long? NewSerial { get; init; }
        public long? OldSerial { get; init; }
        public long? PurchaseCount { get; init; }
        public string? Reason { get; init; }
        public string? ToolKind { get; init; }
        public string? GroupCode { get; init; }
        public string? MeterNumber { get; init; }
        public string? Summary { get; init; }
        public IReadOnlyList<long>? PaymentIds { get; init; }
    }
}
