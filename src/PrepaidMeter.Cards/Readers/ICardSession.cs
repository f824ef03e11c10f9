namespace PrepaidMeter.Cards.Readers;

/// <summary>
/// A reader that keeps a session open with the card between exchanges (PC/SC: a connection to the card in the slot). A
/// program that keeps one reader for many visits — the web console's counter — ends the session between them, so that the
/// next visit talks to whatever card is in the reader now, not to a connection to one taken out meanwhile.
/// </summary>
public interface ICardSession
{
    /// <summary>Forgets the session; the next exchange opens one with the card then in the reader.</summary>
    void EndSession();
}
