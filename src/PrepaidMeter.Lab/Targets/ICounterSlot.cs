using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Hardware.Pcsc;

namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// A reader the target can lend the counter for one operation, the card behind it misbehaving as told: on `stack` a vpcd
/// slot no meter uses, so a card write cut short at the counter is cut by the virtual card's own faults through pcscd
/// (docs/scenarios.md, "A card write cut short at the counter").
/// </summary>
public interface ICounterSlot
{
    /// <summary>Puts <paramref name="card"/> in the slot with <paramref name="faults"/>; what the counter writes lands on that same card.</summary>
    /// <exception cref="StepNotPossibleException">No slot is free.</exception>
    Task<ICounterCard> InsertAsync(MemoryCard card, CardFaults faults, CancellationToken cancellationToken);
}

/// <summary>The counter's card in a lent slot: the reader that reaches it, and its taking out (seen out by pcscd).</summary>
public interface ICounterCard : IAsyncDisposable
{
    ICardReader Reader { get; }
}
