using System.Text.Json;
using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>The operations that write a card, each settled by its own rule (see <see cref="Settlements"/>).</summary>
internal static class Operations
{
    public const string Sale = "sale";
    public const string Correction = "correction";
    public const string Cancel = "cancel";
    public const string Reissue = "reissue";
    public const string ToolCard = "tool-card";
    public const string Recycle = "recycle";
    public const string MeterChangeCard = "meter-change-card";
}

/// <summary>
/// What a card-writing operation will do once its card write verifies, recorded before the card is
/// touched, so a restart can settle it from the database and the card alone.
/// </summary>
internal sealed class SettlePayload
{
    public long? MeterId { get; set; }
    public long? NewMeterId { get; set; }
    public long? OldMeterId { get; set; }
    public long? Transferred { get; set; }
    public long? Preset { get; set; }
    public long? NewSerial { get; set; }
    public long? OldSerial { get; set; }
    public long? PurchaseCount { get; set; }
    public string? Reason { get; set; }
    public string? ToolKind { get; set; }
    public string? GroupCode { get; set; }
    public string? MeterNumber { get; set; }
    public string? Summary { get; set; }
    /// <summary>Partner payments the sale writes onto the card; marked applied when it commits.</summary>
    public IReadOnlyList<long>? PaymentIds { get; set; }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static SettlePayload FromJson(string json) => JsonSerializer.Deserialize<SettlePayload>(json) ?? new SettlePayload();
}

/// <summary>A card write about to happen: the image it replaces, the image it writes, and how to settle it.</summary>
internal sealed record PendingWrite(string Operation, long? AccountId, long? SaleId, CardSerial Serial, byte[] Previous, byte[] Intended, SettlePayload Payload, Storage.GroupRow Group);

/// <summary>A pending card write as stored.</summary>
internal sealed record CardWriteRow
{
    public long Id { get; init; }
    public string Operation { get; init; } = "";
    public long? AccountId { get; init; }
    public long? SaleId { get; init; }
    public long CardSerial { get; init; }
    public string PreviousImage { get; init; } = "";
    public string IntendedImage { get; init; } = "";
    public string Settle { get; init; } = "";
    public string Operator { get; init; } = "";
    public string CreatedAt { get; init; } = "";

    public byte[] Previous => Convert.FromHexString(PreviousImage);

    public byte[] Intended => Convert.FromHexString(IntendedImage);

    public SettlePayload Payload => SettlePayload.FromJson(Settle);
}

/// <summary>A pending write once settled, with the receipt it committed when it was a sale of some kind.</summary>
internal sealed record SettledWrite(CardWriteRow Row, Domain.Receipt? Receipt);
