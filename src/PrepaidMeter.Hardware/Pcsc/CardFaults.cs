using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// What the virtual card does wrong on purpose (docs/card-media.md, "Fault injection"): leave the reader at APDU n,
/// tear the writes after k bytes, answer a chosen status word to APDU n, answer every APDU late, give another ATR,
/// start with fewer PSC tries. APDUs and written bytes are counted afresh at every insertion; one APDU meets the
/// faults in the order <see cref="FaultedInsertion"/> applies them. <see cref="None"/> (the default) is a card that
/// behaves. Each fault is set once, through a validating method, as `card serve`'s options and a scenario step give it.
/// </summary>
public readonly struct CardFaults : IEquatable<CardFaults>
{
    /// <summary>The longest answer delay: pcscd's own patience with a silent card is longer, a test's is not.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    /// <summary>ISO 7816-3: an ATR has TS and T0 at least and 33 bytes at most.</summary>
    public const int MinAtrLength = 2, MaxAtrLength = 33;

    private readonly byte[]? _atr;

    private CardFaults(int? leaveAt, int? tearWriteAfter, ApduAnswer? answer, TimeSpan delay, byte[]? atr, int? triesLeft)
    {
        LeaveAt = leaveAt;
        TearWriteAfter = tearWriteAfter;
        Answer = answer;
        Delay = delay;
        _atr = atr;
        TriesLeft = triesLeft;
    }

    public static CardFaults None => default;

    /// <summary>The APDU (from 1) the card receives and leaves at, neither carrying it out nor answering it.</summary>
    public int? LeaveAt { get; }

    /// <summary>Bytes written from insertion after which the card leaves, in the middle of the write the mark falls in.</summary>
    public int? TearWriteAfter { get; }

    /// <summary>A status word answered to one APDU instead of carrying it out.</summary>
    public ApduAnswer? Answer { get; }

    /// <summary>How long the card waits before each answer to an APDU.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The ATR the card gives instead of its medium's; null for the medium's own.</summary>
    public ReadOnlyMemory<byte>? Atr => _atr is null ? default(ReadOnlyMemory<byte>?) : new ReadOnlyMemory<byte>(_atr);

    /// <summary>The PSC (or card key) tries the card starts with; 0 is a card locked for good. Null: as the card is.</summary>
    public int? TriesLeft { get; }

    public bool IsNone => Equals(None);

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="apdu"/> is below 1.</exception>
    public CardFaults LeavingAt(int apdu)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(apdu, 1);
        return new(apdu, TearWriteAfter, Answer, Delay, _atr, TriesLeft);
    }

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is negative.</exception>
    public CardFaults TearingWritesAfter(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return new(LeaveAt, bytes, Answer, Delay, _atr, TriesLeft);
    }

    public CardFaults Answering(ApduAnswer answer) => new(LeaveAt, TearWriteAfter, answer, Delay, _atr, TriesLeft);

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative or longer than <see cref="MaxDelay"/>.</exception>
    public CardFaults Delaying(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delay, MaxDelay);
        return new(LeaveAt, TearWriteAfter, Answer, delay, _atr, TriesLeft);
    }

    /// <summary>Any bytes of an ATR's length: a malformed ATR is a fault worth serving too.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than <see cref="MinAtrLength"/> or more than <see cref="MaxAtrLength"/> bytes.</exception>
    public CardFaults WithAtr(ReadOnlySpan<byte> atr)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(atr.Length, MinAtrLength, nameof(atr));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(atr.Length, MaxAtrLength, nameof(atr));
        return new(LeaveAt, TearWriteAfter, Answer, Delay, atr.ToArray(), TriesLeft);
    }

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tries"/> is negative.</exception>
    public CardFaults WithTriesLeft(int tries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tries);
        return new(LeaveAt, TearWriteAfter, Answer, Delay, _atr, tries);
    }

    /// <summary>Why <see cref="TriesLeft"/> does not suit <paramref name="medium"/>; null when it does (or is not set).</summary>
    public string? TriesProblem(CardMedium medium)
    {
        return TriesLeft switch
        {
            null => null,
            _ when !medium.HasPsc => $"an {medium.Name} card has no PSC, so no tries to lose",
            var t when t > medium.MaxTries => $"an {medium.Name} card has at most {medium.MaxTries} tries, not {t}",
            _ => null,
        };
    }

    /// <summary>
    /// Brings <paramref name="card"/> to <see cref="TriesLeft"/> the way a card gets there: wrong codes cost tries, the right
    /// one restores them all. The session the right code opened is closed again, so writes still need the PSC.
    /// </summary>
    /// <exception cref="ArgumentException">The tries do not suit the card's medium (<see cref="TriesProblem"/>).</exception>
    public void ApplyTries(MemoryCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (TriesLeft is not { } tries)
        {
            return;
        }

        if (TriesProblem(card.Medium) is { } problem)
        {
            throw new ArgumentException(problem, nameof(card));
        }

        if (tries > card.TriesLeft)
        {
            card.PresentPsc(card.Psc);
        }

        byte[] wrong = [(byte)(card.Psc[0] ^ 0xFF), .. card.Psc[1..]];
        while (card.TriesLeft > tries)
        {
            card.PresentPsc(wrong);
        }

        card.EndSession();
    }

    public bool Equals(CardFaults other) =>
        LeaveAt == other.LeaveAt && TearWriteAfter == other.TearWriteAfter && Answer == other.Answer && Delay == other.Delay
        && TriesLeft == other.TriesLeft && (_atr ?? []).AsSpan().SequenceEqual(other._atr ?? []) && (_atr is null) == (other._atr is null);

    public override bool Equals(object? obj) => obj is CardFaults other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(LeaveAt, TearWriteAfter, Answer, Delay, TriesLeft, _atr?.Length);

    public static bool operator ==(CardFaults left, CardFaults right) => left.Equals(right);

    public static bool operator !=(CardFaults left, CardFaults right) => !left.Equals(right);

    /// <summary>The faults in words, in the order they apply, for a command's first line and a step's summary.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (_atr is not null)
        {
            parts.Add($"ATR {Convert.ToHexString(_atr)}");
        }

        if (TriesLeft is { } tries)
        {
            parts.Add(tries == 0 ? "PSC tries lost (locked)" : $"{tries} PSC tries left");
        }

        if (Delay > TimeSpan.Zero)
        {
            parts.Add($"every answer {Delay.TotalMilliseconds:0} ms late");
        }

        if (LeaveAt is { } leave)
        {
            parts.Add($"leaves at APDU {leave}");
        }

        if (Answer is { } answer)
        {
            parts.Add($"answers {answer.StatusWord:X4} to APDU {answer.Apdu}");
        }

        if (TearWriteAfter is { } tear)
        {
            parts.Add($"leaves after {tear} written bytes");
        }

        return parts.Count == 0 ? "no faults" : string.Join(", ", parts);
    }
}
