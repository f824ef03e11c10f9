namespace PrepaidMeter.Cards.Readers;

public enum CardIoStatus
{
    Ok,

    /// <summary>No card in the reader.</summary>
    NoCard,

    /// <summary>Writes need the PSC presented first, or the card is locked after three wrong codes.</summary>
    Locked,

    /// <summary>The range is write-protected (an SLE4442's first 32 bytes).</summary>
    WriteProtected,

    /// <summary>The range lies beyond the card's memory.</summary>
    OutOfRange,

    /// <summary>The card left the reader during a write: some bytes may be written, some not.</summary>
    TornWrite,

    /// <summary>The reader itself failed or is gone.</summary>
    ReaderFault,
}

/// <summary>The outcome of a read or write, with a sentence for the user when it failed.</summary>
public readonly record struct CardIoResult(CardIoStatus Status, string? Detail = null)
{
    public static CardIoResult Ok => default;

    public bool Success => Status == CardIoStatus.Ok;

    public override string ToString() => Detail is null ? Status.ToString() : $"{Status}: {Detail}";
}

public enum PscStatus
{
    Accepted,

    /// <summary>Wrong code; <see cref="PscResult.TriesLeft"/> say how many before the card locks.</summary>
    Wrong,

    /// <summary>The error counter is exhausted: the card is locked for writing for good.</summary>
    Locked,

    NoCard,
}

public readonly record struct PscResult(PscStatus Status, int TriesLeft);
