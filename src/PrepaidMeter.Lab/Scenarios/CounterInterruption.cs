namespace PrepaidMeter.Lab.Scenarios;

/// <summary>What cuts a card write at the counter short.</summary>
public enum CounterInterruptionKind
{
    /// <summary>The customer pulls the card out of the counter's reader; the back office sees the write fail and answers.</summary>
    CardPulled,

    /// <summary>The counter loses power: the back office stops without an answer and starts again on its books; the card stays in the reader.</summary>
    PowerCut,
}

/// <summary>
/// A counter step's write to the customer's card cut short once <see cref="AfterBytes"/> bytes of it have reached the
/// card, counted over every write of the operation (its changed runs, in the order the back office sends them).
/// </summary>
public readonly record struct CounterInterruption(CounterInterruptionKind Kind, int AfterBytes)
{
    public override string ToString() => Kind switch
    {
        CounterInterruptionKind.CardPulled => $"card pulled after {AfterBytes} bytes",
        _ => $"power cut at the counter after {AfterBytes} bytes",
    };
}
