using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// How <see cref="PcscCardReader"/> talks to one medium: open the card image, read, write, and unlock writes
/// with the group's write secret. Chosen from the card's ATR when the reader connects.
/// </summary>
internal abstract class PcscMedium
{
    /// <summary>A write carries at most this many bytes in one APDU (a short APDU's Lc).</summary>
    protected const int MaxWrite = 255;

    public abstract string Name { get; }

    /// <summary>The most bytes one read APDU answers: every exchange counts, so a read asks for as many as it may.</summary>
    public abstract int MaxRead { get; }

    /// <summary>
    /// The media to try for the card that answered <paramref name="atr"/>, likeliest first. The other comes
    /// second because an ATR can mislead: some readers give memory cards a generic one, and pcscd keeps the
    /// last card's ATR when a card is swapped faster than it polls (vpcd).
    /// </summary>
    public static PcscMedium[] ForAtr(ReadOnlySpan<byte> atr) =>
        Sle4442Medium.Recognises(atr) ? [Sle4442Medium.Instance, CpuCardMedium.Instance] : [CpuCardMedium.Instance, Sle4442Medium.Instance];

    /// <summary>Null once the card is ready for reads; otherwise why not.</summary>
    public abstract string? Open(PcscConnection connection);

    public abstract CardIoResult Read(PcscConnection connection, int offset, Span<byte> destination);

    /// <summary>Writes in APDUs of up to <see cref="MaxWrite"/> bytes; the first that is not answered 90 00 ends it.</summary>
    public CardIoResult Write(PcscConnection connection, int offset, ReadOnlySpan<byte> data)
    {
        for (var done = 0; done < data.Length; done += MaxWrite)
        {
            var count = Math.Min(MaxWrite, data.Length - done);
            var response = connection.Transmit(WriteCommand(offset + done, data.Slice(done, count)));
            if (Unanswered(response, writing: true) is { } torn)
            {
                return torn;
            }

            if (!EndsOk(response))
            {
                return WriteRefused(offset + done, response);
            }
        }

        return CardIoResult.Ok;
    }

    protected abstract byte[] WriteCommand(int offset, ReadOnlySpan<byte> data);

    /// <summary>What a write at <paramref name="offset"/> answered with anything but 90 00 means.</summary>
    protected abstract CardIoResult WriteRefused(int offset, ReadOnlySpan<byte> response);

    public abstract PscResult Unlock(PcscConnection connection, ReadOnlySpan<byte> secret);

    /// <summary>
    /// A response without even a status word: vpcd's answer when the card left during the exchange (pcscd
    /// reports success with nothing in it). During a write some bytes may have landed.
    /// </summary>
    protected static CardIoResult? Unanswered(ReadOnlySpan<byte> response, bool writing) =>
        response.Length >= 2 ? null
        : writing ? new CardIoResult(CardIoStatus.TornWrite, "the card gave no answer to the write (pulled out?): some bytes may be written, some not")
        : new CardIoResult(CardIoStatus.NoCard, "the card gave no answer (pulled out?)");

    protected static bool EndsOk(ReadOnlySpan<byte> response) => Iso7816Apdus.StatusOf(response) == Iso7816Apdus.Ok;

    protected static string StatusText(ReadOnlySpan<byte> response) => Convert.ToHexString(response[Math.Max(0, response.Length - 2)..]);

    /// <summary>Reads in chunks with <paramref name="command"/>(offset, count); every response must be the bytes and 90 00.</summary>
    protected CardIoResult ReadChunks(PcscConnection connection, int offset, Span<byte> destination, Func<int, int, byte[]> command)
    {
        for (var done = 0; done < destination.Length; done += MaxRead)
        {
            var count = Math.Min(MaxRead, destination.Length - done);
            var response = connection.Transmit(command(offset + done, count));
            if (Unanswered(response, writing: false) is { } gone)
            {
                return gone;
            }

            if (!EndsOk(response) || response.Length != count + 2)
            {
                return new CardIoResult(CardIoStatus.OutOfRange, $"reading {count} bytes at {offset + done}: status {StatusText(response)}");
            }

            response.AsSpan(0, count).CopyTo(destination[done..]);
        }

        return CardIoResult.Ok;
    }
}

/// <summary>An SLE4442 memory card in an ACS reader: pseudo-APDUs, a 3-byte PSC.</summary>
internal sealed class Sle4442Medium : PcscMedium
{
    public static readonly Sle4442Medium Instance = new();

    // What ACS readers report for SLE4442/SLE5542 cards.
    private static readonly byte[][] Atrs = [Sle4442OnAcsReader.Sle4442Atr, [0x3B, 0x04, 0x92, 0x23, 0x10, 0x91]];

    public override string Name => "sle4442";

    public override int MaxRead => Sle4442Apdus.MaxLength;

    public static bool Recognises(ReadOnlySpan<byte> atr)
    {
        foreach (var known in Atrs)
        {
            if (atr.SequenceEqual(known))
            {
                return true;
            }
        }

        return false;
    }

    public override string? Open(PcscConnection connection) =>
        EndsOk(connection.Transmit(Sle4442Apdus.SelectCardType())) ? null : "would not select an SLE4442 memory card";

    public override CardIoResult Read(PcscConnection connection, int offset, Span<byte> destination) =>
        ReadChunks(connection, offset, destination, Sle4442Apdus.Read);

    protected override byte[] WriteCommand(int offset, ReadOnlySpan<byte> data) => Sle4442Apdus.Write(offset, data);

    protected override CardIoResult WriteRefused(int offset, ReadOnlySpan<byte> response) => response switch
    {
        [0x69, 0x82] => new CardIoResult(CardIoStatus.Locked, "present the PSC before writing (or the card is locked after three wrong codes)"),
        [0x69, 0x86] => new CardIoResult(CardIoStatus.WriteProtected, $"bytes 0..{Sle4442Card.ProtectedBytes - 1} are write-protected"),
        _ => new CardIoResult(CardIoStatus.OutOfRange, $"writing at {offset}: status {StatusText(response)}"),
    };

    public override PscResult Unlock(PcscConnection connection, ReadOnlySpan<byte> secret)
    {
        var response = connection.Transmit(Sle4442Apdus.PresentPsc(secret));
        if (response.Length < 2)
        {
            return new(PscStatus.NoCard, 0);
        }

        var tries = response is [0x90, var sw2] ? Sle4442Apdus.TriesLeft(sw2) : 0;
        return tries == Sle4442Card.MaxTries ? new(PscStatus.Accepted, tries) : new(tries == 0 ? PscStatus.Locked : PscStatus.Wrong, tries);
    }
}

/// <summary>An ISO 7816-4 CPU card: the image in a transparent file, writes unlocked by external authentication.</summary>
internal sealed class CpuCardMedium : PcscMedium
{
    public static readonly CpuCardMedium Instance = new();

    public override string Name => "cpu";

    // READ BINARY with Le = 00 answers 256 bytes.
    public override int MaxRead => 256;

    public override string? Open(PcscConnection connection)
    {
        var response = connection.Transmit(Iso7816Apdus.Select(CpuCard.ImageFile));
        return EndsOk(response) ? null : $"has no card image file {CpuCard.ImageFile:X4} (SELECT answered {StatusText(response)}): not a prepaid CPU card";
    }

    public override CardIoResult Read(PcscConnection connection, int offset, Span<byte> destination) =>
        ReadChunks(connection, offset, destination, Iso7816Apdus.ReadBinary);

    protected override byte[] WriteCommand(int offset, ReadOnlySpan<byte> data) => Iso7816Apdus.UpdateBinary(offset, data);

    protected override CardIoResult WriteRefused(int offset, ReadOnlySpan<byte> response) => Iso7816Apdus.StatusOf(response) switch
    {
        Iso7816Apdus.SecurityNotSatisfied when offset < CpuCard.HeaderBytes =>
            new CardIoResult(CardIoStatus.WriteProtected, $"bytes 0..{CpuCard.HeaderBytes - 1} (the issuer's header) are never updated"),
        Iso7816Apdus.SecurityNotSatisfied => new CardIoResult(CardIoStatus.Locked, "authenticate to the card before writing (or its key is blocked after three wrong cryptograms)"),
        _ => new CardIoResult(CardIoStatus.OutOfRange, $"updating at {offset}: status {StatusText(response)}"),
    };

    public override PscResult Unlock(PcscConnection connection, ReadOnlySpan<byte> secret)
    {
        var challenge = connection.Transmit(Iso7816Apdus.GetChallenge());
        if (challenge.Length < 2)
        {
            return new(PscStatus.NoCard, 0);
        }

        if (Iso7816Apdus.StatusOf(challenge) != Iso7816Apdus.Ok || challenge.Length != CpuCardKey.ChallengeSize + 2)
        {
            return new(PscStatus.Locked, 0);
        }

        var cryptogram = CpuCardKey.Cryptogram(CpuCardKey.FromSecret(secret), challenge.AsSpan(0, CpuCardKey.ChallengeSize));
        var status = Iso7816Apdus.StatusOf(connection.Transmit(Iso7816Apdus.ExternalAuthenticate(cryptogram)));
        return status switch
        {
            0 => new(PscStatus.NoCard, 0),
            Iso7816Apdus.Ok => new(PscStatus.Accepted, CpuCard.MaxTries),
            >= Iso7816Apdus.TriesLeftPrefix and <= Iso7816Apdus.TriesLeftPrefix + 0xF => new(PscStatus.Wrong, status & 0xF),
            _ => new(PscStatus.Locked, 0),
        };
    }
}
