namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// One insertion of a card with its <see cref="CardFaults"/>: what the card does with each APDU it receives, with no
/// transport in the way (the <see cref="VirtualCard"/> behind vpcd and the in-process <see cref="MediumCardReader"/> share
/// it, so a fault plays the same on both). APDUs and written bytes count from this insertion. An APDU meets the faults in
/// this order, the first that applies deciding: leave at APDU n (neither carried out nor answered); the chosen status
/// word to APDU n (not carried out); a write in which the torn-write mark falls (its bytes up to the mark land, then the
/// card leaves without answering); otherwise the medium answers. The delay and the ATR are the transport's to apply.
/// </summary>
public sealed class FaultedInsertion(IVirtualCardMedium medium, CardFaults faults)
{
    // PullOutDuringNextWrite: set by a test's thread while the card's own thread serves.
    private volatile bool _tearNextHalfway;

    public IVirtualCardMedium Medium { get; } = medium ?? throw new ArgumentNullException(nameof(medium));

    public CardFaults Faults { get; } = faults;

    /// <summary>APDUs received since insertion, the one the card left at included.</summary>
    public int Apdus { get; private set; }

    /// <summary>Bytes the card's writes have taken since insertion (those of a torn write included).</summary>
    public int Written { get; private set; }

    /// <summary>Whether the card has left the reader by a fault: it answers nothing more.</summary>
    public bool HasLeft { get; private set; }

    /// <summary>The ATR the card gives: the fault's, or the medium's own.</summary>
    public ReadOnlySpan<byte> Atr => Faults.Atr is { } atr ? atr.Span : Medium.Atr;

    /// <summary>The next write lands half its bytes and the card leaves without answering (a hand pulling it out).</summary>
    public void TearNextWriteHalfway() => _tearNextHalfway = true;

    /// <summary>The answer to <paramref name="command"/> (data, then SW1 SW2); null when the card left the reader instead.</summary>
    /// <exception cref="InvalidOperationException">The card has left already.</exception>
    public byte[]? Take(ReadOnlySpan<byte> command)
    {
        if (HasLeft)
        {
            throw new InvalidOperationException("The card has left the reader; it takes no more APDUs until it is inserted again.");
        }

        Apdus = checked(Apdus + 1);
        if (Faults.LeaveAt == Apdus)
        {
            return Leave();
        }

        if (Faults.Answer is { } chosen && chosen.Apdu == Apdus)
        {
            return [(byte)(chosen.StatusWord >> 8), (byte)(chosen.StatusWord & 0xFF)];
        }

        // A write whose Lc says its length: a malformed one is refused whole by the medium, torn or not.
        var writing = Medium.IsWrite(command) && command[4] == command.Length - 5;
        var length = writing ? command.Length - 5 : 0;
        if (writing && _tearNextHalfway)
        {
            _tearNextHalfway = false;
            return Tear(command, length / 2);
        }

        if (writing && Faults.TearWriteAfter is { } mark && Written + length >= mark)
        {
            // The mark falls inside this write — or at its last byte: the card is gone before it can answer either way.
            return Tear(command, mark - Written);
        }

        var answer = Respond(command);
        if (writing && Iso7816Apdus.StatusOf(answer) == Iso7816Apdus.Ok)
        {
            Written = checked(Written + length);
        }

        return answer;
    }

    private byte[]? Tear(ReadOnlySpan<byte> command, int bytes)
    {
        Medium.WritePartly(command, bytes);
        Written = checked(Written + bytes);
        return Leave();
    }

    private byte[]? Leave()
    {
        HasLeft = true;
        return null;
    }

    // A card that stops answering leaves pcscd waiting a minute and a half: a fault in the model answers
    // 6F 00 ("no precise diagnosis"), as a real card's operating system would.
    private byte[] Respond(ReadOnlySpan<byte> command)
    {
        try
        {
            return Medium.Respond(command);
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or IndexOutOfRangeException)
        {
            return [0x6F, 0x00];
        }
    }
}
