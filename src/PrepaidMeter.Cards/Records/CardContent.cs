namespace PrepaidMeter.Cards.Records;

/// <summary>Which parts of the canonical record each card kind carries.</summary>
[Flags]
public enum CardContent
{
    None = 0,
    Header = 1 << 0,
    Meter = 1 << 1,
    Customer = 1 << 2,
    Purchase = 1 << 3,
    Parameters = 1 << 4,
    ReturnWrite = 1 << 5,
    Amounts = 1 << 6,
}

public static class CardContents
{
    /// <summary>The parts <paramref name="kind"/> carries; the same for every layout.</summary>
    public static CardContent Of(CardKind kind) => kind switch
    {
        CardKind.Blank => CardContent.None,
        CardKind.User => CardContent.Header | CardContent.Amounts | CardContent.Meter | CardContent.Customer | CardContent.Purchase | CardContent.ReturnWrite,
        CardKind.Set => CardContent.Header | CardContent.Amounts | CardContent.Meter | CardContent.Parameters,
        CardKind.Clear or CardKind.Zero => CardContent.Header | CardContent.Meter,
        CardKind.Check => CardContent.Header | CardContent.Amounts | CardContent.Meter | CardContent.ReturnWrite,
        CardKind.Test => CardContent.Header,
        CardKind.MeterChange => CardContent.Header | CardContent.Amounts | CardContent.Meter | CardContent.Customer | CardContent.ReturnWrite,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown card kind."),
    };
}
