namespace PrepaidMeter.Cards.Readers;

/// <summary>
/// The card reader seam: what the back office and the meter need of a reader, and no more.
/// Narrow and async over <see cref="ReadOnlyMemory{T}"/> (the Yubico SDK's connection shape), so an
/// in-memory card, a folder of hex files and a PC/SC reader are interchangeable. Expected outcomes
/// — no card, a wrong PSC, a card pulled out mid-write — are results, not exceptions.
/// </summary>
public interface ICardReader
{
    /// <summary>The reader's name as a user gives it ("memory", "folder:/cards", a PC/SC reader name).</summary>
    string Name { get; }

    /// <summary>Waits until a card is present, or the timeout passes.</summary>
    ValueTask<CardPresence> WaitForCardAsync(TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Reads <paramref name="destination"/>.Length bytes from <paramref name="offset"/>.</summary>
    ValueTask<CardIoResult> ReadAsync(int offset, Memory<byte> destination, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/>; a memory card needs its PSC presented first.</summary>
    ValueTask<CardIoResult> WriteAsync(int offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Presents the programmable security code that unlocks writes (SLE4442).</summary>
    ValueTask<PscResult> PresentPscAsync(ReadOnlyMemory<byte> psc, CancellationToken cancellationToken);
}

public enum CardPresence
{
    Present,
    Absent,
}
