using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Transactions;

namespace PrepaidMeter.Vending.CardWrites;

/// <summary>
/// What a card-writing operation will do once its card write verifies, recorded (as the pending row's <c>settle</c>)
/// before the card is touched, so a restart can settle it from the database and the card alone: commit when the card
/// holds the new image, discard when it holds the old one. Built whole where the operation is decided; never changed.
/// </summary>
/// <param name="GroupCode">The card's supply group: recovery needs its PSC to put a torn card back.</param>
[JsonPolymorphic]
[JsonDerivedType(typeof(PlainSaleWrite), "sale")]
[JsonDerivedType(typeof(OpeningSaleWrite), "opening")]
[JsonDerivedType(typeof(TransferSaleWrite), "transfer")]
[JsonDerivedType(typeof(CorrectionWrite), "correction")]
[JsonDerivedType(typeof(CancelWrite), "cancel")]
[JsonDerivedType(typeof(ReissueWrite), "reissue")]
[JsonDerivedType(typeof(ToolCardWrite), "tool-card")]
[JsonDerivedType(typeof(MeterChangeCardWrite), "meter-change-card")]
[JsonDerivedType(typeof(RecycleWrite), "recycle")]
[JsonDerivedType(typeof(CapacityCardWrite), "capacity")]
[JsonDerivedType(typeof(CloseAccountWrite), "close")]
[JsonDerivedType(typeof(ToleranceSaleWrite), "tolerance-sale")]
[JsonDerivedType(typeof(CardResetWrite), "card-reset")]
internal abstract record CardWriteOperation(string GroupCode)
{
    // A value the row must hold is never read as a default: a settle missing it is refused, not half applied.
    private static readonly JsonSerializerOptions Json = new() { RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true };

    /// <summary>The pending row's <c>operation</c> column, as reports, queries and recovery print it (not part of the JSON: internal).</summary>
    internal abstract string Name { get; }

    /// <summary>Whether it runs beside other counters' sales on a server (the context's <c>Sell</c>, not <c>Write</c>).</summary>
    internal virtual bool Selling => false;

    /// <summary>Applies the operation to the books; for the sale kinds, the receipt as committed (so nobody reads it back).</summary>
    public abstract Receipt? Commit(WriteScope scope, CardWriteRow row);

    /// <summary>Forgets the operation: the card holds its previous image.</summary>
    public void Discard(WriteScope scope, CardWriteRow row)
    {
        Forget(scope, row);
        scope.Log("card write discarded", $"{row.Operation} {row.Id}", "the card holds its previous image; nothing was recorded");
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The operation of a pending row. A row the previous version wrote (its flat payload, no type) is read by
    /// <see cref="EarlierSettle"/>, which may ask <paramref name="connection"/> for what that payload left out.
    /// </summary>
    public static CardWriteOperation Read(CardWriteRow row, DbConnection connection)
    {
        var operation = FromJson(row.Settle) ?? EarlierSettle.Read(row, connection);
        return operation.Name == row.Operation
            ? operation
            : throw new InvalidOperationException($"Card write {row.Id} is a '{row.Operation}' but its settle is a '{operation.Name}'.");
    }

    /// <summary>The operation in a settle this program wrote; null for one without its type, which the earlier program wrote.</summary>
    public static CardWriteOperation? FromJson(string settle)
    {
        using var json = JsonDocument.Parse(settle);
        return json.RootElement.TryGetProperty("$type", out _) ? json.Deserialize<CardWriteOperation>(Json)! : null;
    }

    /// <summary>Undoes in the books what recording the operation wrote beside its pending row (nothing, unless overridden).</summary>
    protected virtual void Forget(WriteScope scope, CardWriteRow row)
    {
    }
}
