namespace PrepaidMeter.Cards.Codec;

/// <summary>Why a card image was refused. Every refusal is one of these, never an exception.</summary>
public enum CardFaultKind
{
    /// <summary>The image is shorter than the layout: a short read, or a smaller card of another type.</summary>
    Truncated,

    /// <summary>The image is longer than the layout: a larger card of another type, or a file with bytes appended.</summary>
    TooLong,

    /// <summary>The layout tag does not match: the card was written by another layout.</summary>
    WrongLayout,

    /// <summary>The kind code is unknown, or a kind this layout does not carry.</summary>
    WrongKind,

    /// <summary>The kind says blank, but the card is not clean: a torn recycle or a tampered card.</summary>
    CorruptBlank,

    /// <summary>A checksum does not match its bytes: corruption or a torn write.</summary>
    Checksum,

    /// <summary>The keyed MAC does not match: a forged card or one of another supply group.</summary>
    Mac,

    /// <summary>The layout has a MAC but no supply group key was given.</summary>
    KeyRequired,

    /// <summary>A field's bytes are not valid for its encoding, or its value is out of range.</summary>
    FieldOutOfRange,
}

/// <summary>A refused card: what is wrong, and where.</summary>
/// <param name="Kind">The class of fault.</param>
/// <param name="Field">The field or checksum at fault, when there is one.</param>
/// <param name="Offset">The first byte at fault, when known.</param>
/// <param name="Detail">One human sentence.</param>
public sealed record CardFault(CardFaultKind Kind, string? Field, int? Offset, string Detail)
{
    /// <summary>One line for a log or stderr: "checksum: 'body-crc' over 32..249 does not match (stored 0x1234, computed 0xBEEF)".</summary>
    public override string ToString() => $"{Describe(Kind)}: {Detail}";

    public static string Describe(CardFaultKind kind) => kind switch
    {
        CardFaultKind.Truncated => "truncated image",
        CardFaultKind.TooLong => "image too long",
        CardFaultKind.WrongLayout => "wrong layout",
        CardFaultKind.WrongKind => "wrong kind",
        CardFaultKind.CorruptBlank => "corrupt blank card",
        CardFaultKind.Checksum => "checksum error",
        CardFaultKind.Mac => "MAC error",
        CardFaultKind.KeyRequired => "key required",
        CardFaultKind.FieldOutOfRange => "field out of range",
        _ => kind.ToString(),
    };
}
