namespace PrepaidMeter.Cards.Readers;

/// <summary>
/// A memory card of any <see cref="CardMedium"/>, as the chip behaves: an SLE4442 (256 bytes, the first 32
/// write-protected, a 3-byte PSC with three tries), an SLE4428 (1 KB, a protection bit per byte, a 2-byte PSC
/// with eight tries) or an AT24C I²C EEPROM (no PSC; writes go in pages). A wrong code costs a try; the last
/// wrong one locks writes for good; a right code restores the tries. Removal locks writes again. Shared by the
/// in-memory and folder readers and the vpcd virtual card.
/// A CPU card's image (its files end to end, <see cref="CardMedium.Files"/>) is held here too: the bytes, the
/// never-updated files as protected bytes, the key files behind the code (the group's secret, from which the
/// card's key is derived), the free files writable without it. The vpcd CPU card answers ISO 7816-4 over it.
/// </summary>
public sealed class MemoryCard
{
    private readonly byte[] _memory;
    private readonly bool[] _protected;

    // Which bytes a write may touch only once unlocked: all of a card with a PSC, a CPU card's key files.
    private readonly bool[] _needsCode;
    private byte[] _psc;

    /// <summary>An SLE4442 (the reference card): what most of the code and the tests carry.</summary>
    public MemoryCard(ReadOnlySpan<byte> memory, ReadOnlySpan<byte> psc = default, int? triesLeft = null)
        : this(CardMedium.Sle4442, memory, psc, triesLeft)
    {
    }

    /// <param name="memory">The card's first bytes; the rest reads 0xFF, as a factory-new EEPROM does.</param>
    /// <param name="psc">The card's code (<see cref="CardMedium.PscLength"/> bytes); default the factory code, all 0xFF.</param>
    public MemoryCard(CardMedium medium, ReadOnlySpan<byte> memory, ReadOnlySpan<byte> psc = default, int? triesLeft = null)
    {
        Medium = medium;
        _memory = new byte[medium.Capacity];
        _memory.AsSpan().Fill(0xFF);
        memory[..Math.Min(memory.Length, medium.Capacity)].CopyTo(_memory);
        _protected = new bool[medium.Capacity];
        _needsCode = new bool[medium.Capacity];
        for (var address = 0; address < medium.Capacity; address++)
        {
            _protected[address] = medium.IsNeverWritten(address);
            _needsCode[address] = medium.UpdateNeedsCode(address);
        }
        if (psc.IsEmpty)
        {
            _psc = new byte[medium.PscLength];
            _psc.AsSpan().Fill(0xFF);
        }
        else
        {
            _psc = CheckedPsc(medium, psc);
        }

        var tries = triesLeft ?? medium.MaxTries;
        ArgumentOutOfRangeException.ThrowIfNegative(tries, nameof(triesLeft));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tries, medium.MaxTries, nameof(triesLeft));
        TriesLeft = tries;
    }

    public CardMedium Medium { get; }

    public ReadOnlySpan<byte> Memory => _memory;

    public ReadOnlySpan<byte> Psc => _psc;

    public int TriesLeft { get; private set; }

    /// <summary>True while writes are allowed: the right code presented this session, or a card without a PSC.</summary>
    public bool IsUnlocked { get => !Medium.HasPsc || _unlocked; private set => _unlocked = value; }

    private bool _unlocked;

    /// <summary>
    /// The error counter as the card holds it: one bit a try left (SLE4442 07 → 03 → 01 → 00, SLE4428 FF → 7F →
    /// … → 00), the byte the ACS reader's READ_PRESENTATION_ERROR_COUNTER answers.
    /// </summary>
    public byte ErrorCounter => (byte)((1 << TriesLeft) - 1);

    /// <summary>Whether a write to <paramref name="address"/> is refused whatever the PSC: the protected prefix, the reserved suffix, an SLE4428 byte whose protection bit is written.</summary>
    public bool IsProtected(int address) => _protected[address];

    public CardIoResult Read(int offset, Span<byte> destination)
    {
        if (offset < 0 || offset + destination.Length > Medium.Capacity)
        {
            return Beyond(offset, destination.Length);
        }

        _memory.AsSpan(offset, destination.Length).CopyTo(destination);
        return CardIoResult.Ok;
    }

    /// <summary>Writes up to <paramref name="maxBytes"/> of <paramref name="data"/> (fewer models a torn write).</summary>
    /// <remarks>An I²C card takes the bytes page by page, split at its page boundaries, as the ACS reader sends them.</remarks>
    public CardIoResult Write(int offset, ReadOnlySpan<byte> data, int maxBytes = int.MaxValue)
    {
        if (offset < 0 || offset + data.Length > Medium.Capacity)
        {
            return Beyond(offset, data.Length);
        }

        if (Refusal(offset, data.Length) is { } refused)
        {
            return refused;
        }

        var written = Math.Min(maxBytes, data.Length);
        data[..written].CopyTo(_memory.AsSpan(offset));
        return written == data.Length ? CardIoResult.Ok : new(CardIoStatus.TornWrite, $"the card left the reader after {written} of {data.Length} bytes");
    }

    /// <summary>
    /// One I²C page write as the EEPROM takes it: the address counter wraps inside the page, so bytes past the
    /// page's end land at its start (data sheet, "page write"). What a host gets when it tells the reader a page
    /// size larger than the chip's.
    /// </summary>
    public CardIoResult WritePage(int offset, ReadOnlySpan<byte> data)
    {
        if (!Medium.IsI2c)
        {
            return Write(offset, data);
        }

        if (offset < 0 || offset >= Medium.Capacity || data.Length > Medium.PageSize)
        {
            return new(CardIoStatus.OutOfRange, $"a page write of {data.Length} bytes at {offset} does not fit the card's {Medium.PageSize}-byte pages");
        }

        var page = offset / Medium.PageSize * Medium.PageSize;
        for (var i = 0; i < data.Length; i++)
        {
            _memory[page + ((offset - page + i) % Medium.PageSize)] = data[i];
        }

        return CardIoResult.Ok;
    }

    public PscResult PresentPsc(ReadOnlySpan<byte> psc)
    {
        if (!Medium.HasPsc)
        {
            return new(PscStatus.Accepted, 0);
        }

        if (TriesLeft == 0)
        {
            return new(PscStatus.Locked, 0);
        }

        if (psc.SequenceEqual(_psc))
        {
            TriesLeft = Medium.MaxTries;
            IsUnlocked = true;
            return new(PscStatus.Accepted, TriesLeft);
        }

        TriesLeft--;
        IsUnlocked = false;
        return new(TriesLeft == 0 ? PscStatus.Locked : PscStatus.Wrong, TriesLeft);
    }

    /// <summary>
    /// What a CPU card does after its front end checked a cryptogram made with the key derived from this card's code
    /// (EXTERNAL AUTHENTICATE): a proof unlocks updates of its key files and restores the tries, a failed one costs a try.
    /// </summary>
    public PscResult Authenticate(bool proven)
    {
        if (!Medium.IsCpu)
        {
            throw new InvalidOperationException($"An {Medium.Name} card takes its PSC, not a cryptogram.");
        }

        return PresentPsc(proven ? _psc : [(byte)(_psc[0] ^ 0xFF), .. _psc.AsSpan(1)]);
    }

    /// <summary>Changes the PSC; only while unlocked, as on the real card.</summary>
    public CardIoResult ChangePsc(ReadOnlySpan<byte> psc)
    {
        if (!Medium.HasPsc || !_unlocked)
        {
            return new(CardIoStatus.Locked, Medium.HasPsc ? "present the current PSC before changing it" : $"an {Medium.Name} card has no PSC");
        }

        _psc = CheckedPsc(Medium, psc);
        return CardIoResult.Ok;
    }

    /// <summary>
    /// Writes the protection bit of each byte from <paramref name="offset"/> whose content equals the byte given
    /// (SLE4428 "write protection with data comparison"): the byte can never change again. Needs the PSC.
    /// </summary>
    public CardIoResult Protect(int offset, ReadOnlySpan<byte> expected)
    {
        if (!Medium.ProtectsEachByte)
        {
            return new(CardIoStatus.WriteProtected, $"an {Medium.Name} card has no protection bit per byte");
        }

        if (offset < 0 || offset + expected.Length > Medium.Capacity)
        {
            return Beyond(offset, expected.Length);
        }

        if (!IsUnlocked)
        {
            return LockedResult();
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (_memory[offset + i] != expected[i])
            {
                return new(CardIoStatus.WriteProtected, $"byte {offset + i} holds {_memory[offset + i]:X2}, not {expected[i]:X2}: its protection bit is not written");
            }
        }

        _protected.AsSpan(offset, expected.Length).Fill(true);
        return CardIoResult.Ok;
    }

    /// <summary>The card left the reader: the next session must present the PSC again.</summary>
    public void EndSession() => IsUnlocked = false;

    private CardIoResult? Refusal(int offset, int length)
    {
        var first = Array.IndexOf(_protected, true, offset, length);
        if (first >= 0)
        {
            return new(CardIoStatus.WriteProtected, Medium switch
            {
                { ProtectsEachByte: true } => $"byte {first} is write-protected",
                { IsCpu: true } when Medium.FileAt(first) is { Update: CpuAccess.Never } file => $"file {file.Id:X4} ({file.Name}) is never updated",
                _ => $"bytes 0..{Medium.ProtectedPrefix - 1} are write-protected",
            });
        }

        return IsUnlocked || Array.IndexOf(_needsCode, true, offset, length) < 0 ? null : LockedResult();
    }

    private CardIoResult LockedResult() =>
        new(CardIoStatus.Locked, (TriesLeft, Medium.IsCpu) switch
        {
            (0, true) => $"the card's key is blocked after {Medium.MaxTries} wrong cryptograms",
            (0, false) => $"the card is locked after {Medium.MaxTries} wrong PSCs",
            (_, true) => "authenticate to the card (its key files) before updating",
            _ => "present the PSC before writing",
        });

    private CardIoResult Beyond(int offset, int length) =>
        new(CardIoStatus.OutOfRange, $"bytes {offset}..{offset + length - 1} are beyond the card's {Medium.Capacity}");

    private static byte[] CheckedPsc(CardMedium medium, ReadOnlySpan<byte> psc) => psc.Length == medium.PscLength
        ? psc.ToArray()
        : throw new ArgumentException($"An {medium.Name} PSC has {medium.PscLength} bytes.", nameof(psc));
}
