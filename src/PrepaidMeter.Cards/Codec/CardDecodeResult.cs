using System.Diagnostics.CodeAnalysis;
using PrepaidMeter.Cards.Records;

namespace PrepaidMeter.Cards.Codec;

/// <summary>A decoded record, or the fault that refused the image. A struct, so success allocates only the record.</summary>
public readonly struct CardDecodeResult
{
    private CardDecodeResult(CardRecord? record, CardFault? fault)
    {
        Record = record;
        Fault = fault;
    }

    public CardRecord? Record { get; }

    public CardFault? Fault { get; }

    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Fault))]
    public bool Success => Record is not null;

    public static CardDecodeResult Decoded(CardRecord record) => new(record, null);

    public static CardDecodeResult Refused(CardFault fault) => new(null, fault);

    /// <exception cref="InvalidOperationException">The card was refused.</exception>
    public CardRecord GetRecordOrThrow() => Record ?? throw new InvalidOperationException($"The card was refused: {Fault}");
}
