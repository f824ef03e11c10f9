using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Lab.Targets;

/// <summary>The card the scenario carries, coming back from a meter.</summary>
internal static class CardInHand
{
    /// <summary>
    /// Writes onto <paramref name="card"/> the bytes in which <paramref name="after"/> differs from
    /// <paramref name="before"/>, through an in-memory reader presenting <paramref name="psc"/>: only what the
    /// meter changed, so a write torn at the meter arrives exactly as torn. The images sit at card address
    /// <paramref name="cardOffset"/> (the layout's medium offset).
    /// </summary>
    /// <exception cref="InvalidOperationException">The card refused it: a programming error, the card is the one the meter was given.</exception>
    public static async Task TakeBackAsync(MemoryCard card, byte[] before, byte[] after, ReadOnlyMemory<byte> psc, CancellationToken cancellationToken, int cardOffset = 0)
    {
        var hand = new InMemoryCardReader("hand");
        hand.Insert(card);
        var written = await CardImageIo.WriteChangedAsync(hand, before, after, psc, cancellationToken, cardOffset: cardOffset);
        if (!written.Success)
        {
            throw new InvalidOperationException($"The card in hand refused what the meter wrote: {written}.");
        }
    }
}
