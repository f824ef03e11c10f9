namespace PrepaidMeter.Cards.Readers;

/// <summary>
/// A model of an SLE4442 memory card: 256 bytes, the first 32 write-protected, writes unlocked by a
/// 3-byte PSC with an error counter of three tries. A wrong code costs a try; three wrong codes lock
/// the card for writing for good; a right code restores the tries. Removal locks writes again.
/// Shared by the in-memory and folder readers (and later by the vpcd virtual card).
/// </summary>
public sealed class Sle4442Card
{
    public const int MemorySize = 256;
    public const int ProtectedBytes = 32;
    public const int MaxTries = 3;

    private static readonly byte[] FactoryPsc = [0xFF, 0xFF, 0xFF];

    private readonly byte[] _memory;
    private byte[] _psc;

    public Sle4442Card(ReadOnlySpan<byte> memory, ReadOnlySpan<byte> psc = default, int triesLeft = MaxTries)
    {
        _memory = new byte[MemorySize];
        _memory.AsSpan().Fill(0xFF);
        memory[..Math.Min(memory.Length, MemorySize)].CopyTo(_memory);
        _psc = psc.IsEmpty ? [.. FactoryPsc] : psc.ToArray();
        if (_psc.Length != 3)
        {
            throw new ArgumentException("A PSC has three bytes.", nameof(psc));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(triesLeft);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(triesLeft, MaxTries);
        TriesLeft = triesLeft;
    }

    public ReadOnlySpan<byte> Memory => _memory;

    public ReadOnlySpan<byte> Psc => _psc;

    public int TriesLeft { get; private set; }

    public bool IsUnlocked { get; private set; }

    public CardIoResult Read(int offset, Span<byte> destination)
    {
        if (offset < 0 || offset + destination.Length > MemorySize)
        {
            return new(CardIoStatus.OutOfRange, $"bytes {offset}..{offset + destination.Length - 1} are beyond the card's {MemorySize}");
        }

        _memory.AsSpan(offset, destination.Length).CopyTo(destination);
        return CardIoResult.Ok;
    }

    /// <summary>Writes up to <paramref name="maxBytes"/> of <paramref name="data"/> (fewer models a torn write).</summary>
    public CardIoResult Write(int offset, ReadOnlySpan<byte> data, int maxBytes = int.MaxValue)
    {
        if (offset < 0 || offset + data.Length > MemorySize)
        {
            return new(CardIoStatus.OutOfRange, $"bytes {offset}..{offset + data.Length - 1} are beyond the card's {MemorySize}");
        }

        if (offset < ProtectedBytes)
        {
            return new(CardIoStatus.WriteProtected, $"bytes 0..{ProtectedBytes - 1} are write-protected");
        }

        if (!IsUnlocked)
        {
            return new(CardIoStatus.Locked, TriesLeft == 0 ? "the card is locked after three wrong PSCs" : "present the PSC before writing");
        }

        var written = Math.Min(maxBytes, data.Length);
        data[..written].CopyTo(_memory.AsSpan(offset));
        return written == data.Length ? CardIoResult.Ok : new(CardIoStatus.TornWrite, $"the card left the reader after {written} of {data.Length} bytes");
    }

    public PscResult PresentPsc(ReadOnlySpan<byte> psc)
    {
        if (TriesLeft == 0)
        {
            return new(PscStatus.Locked, 0);
        }

        if (psc.SequenceEqual(_psc))
        {
            TriesLeft = MaxTries;
            IsUnlocked = true;
            return new(PscStatus.Accepted, TriesLeft);
        }

        TriesLeft--;
        IsUnlocked = false;
        return new(TriesLeft == 0 ? PscStatus.Locked : PscStatus.Wrong, TriesLeft);
    }

    /// <summary>Changes the PSC; only while unlocked, as on the real card.</summary>
    public CardIoResult ChangePsc(ReadOnlySpan<byte> psc)
    {
        if (!IsUnlocked)
        {
            return new(CardIoStatus.Locked, "present the current PSC before changing it");
        }

        if (psc.Length != 3)
        {
            throw new ArgumentException("A PSC has three bytes.", nameof(psc));
        }

        _psc = psc.ToArray();
        return CardIoResult.Ok;
    }

    /// <summary>The card left the reader: the next session must present the PSC again.</summary>
    public void EndSession() => IsUnlocked = false;
}
