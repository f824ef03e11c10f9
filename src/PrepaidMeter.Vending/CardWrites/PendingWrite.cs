using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>A card write about to happen: the image it replaces, the image it writes, and how to settle it.</summary>
/// <param name="Group">The card's supply group, whose keys write the card.</param>
internal sealed record PendingWrite(long? AccountId, long? SaleId, CardSerial Serial, byte[] Previous, byte[] Intended, CardWriteOperation Operation, Storage.GroupRow Group);

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
    /// <summary>The operation, as JSON: read it with <see cref="CardWriteOperation.Read"/>.</summary>
    public string Settle { get; init; } = "";
    public string Operator { get; init; } = "";
    public string CreatedAt { get; init; } = "";

    public byte[] Previous => Convert.FromHexString(PreviousImage);

    public byte[] Intended => Convert.FromHexString(IntendedImage);
}

/// <summary>A pending write once settled, with the receipt it committed when it was a sale of some kind.</summary>
internal sealed record SettledWrite(CardWriteRow Row, Domain.Receipt? Receipt);
