namespace PrepaidMeter.Cards.Readers;

/// <summary>
/// A reader that learns from the layouts in use which media its cards may be: what it cannot learn from the card
/// itself. A CPU card's files are listed by its layout alone (ISO 7816-4 gives no directory of elementary files
/// to a reader that has not been told them), and a generic ATR does not say which memory card it is. The back
/// office tells the reader its groups' media before it reads a card; readers of plain bytes need no telling.
/// </summary>
public interface ICardMediaHint
{
    /// <summary>The media the next card may be, likeliest first.</summary>
    void ExpectMedia(IReadOnlyList<CardMedium> media);
}
