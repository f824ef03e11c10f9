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
    /// The media to try for the card that answered <paramref name="atr"/>, likeliest first. Another comes second
    /// because an ATR can mislead: some readers give memory cards a generic one, pcscd keeps the last card's ATR
    /// when a card is swapped faster than it polls (vpcd), and pcsc-tools' list names the SLE4428's ATR an SLE4442's.
    /// <paramref name="expected"/> (the layout's medium) decides what the ATR does not say: an I²C card's size, and
    /// which memory card a generic ATR hides.
    /// </summary>
    public static PcscMedium[] ForAtr(ReadOnlySpan<byte> atr, IReadOnlyList<CardMedium>? expected = null)
    {
        expected ??= [];
        // A CPU card is known by its files, which only a layout lists: each expected file map is tried (its first
        // file must SELECT); without one it is the one-file image card.
        var hinted = expected.FirstOrDefault(m => !m.IsCpu) is { Name: not null } e ? AcsMemoryMedium.For(e) : null;
        PcscMedium[] cpu = [.. expected.Where(m => m.IsCpu).DefaultIfEmpty(CardMedium.CpuImage).Select(m => new CpuCardMedium(m))];
        if (atr.SequenceEqual(AcsMemoryApdus.Sle4442Atr))
        {
            return [AcsMemoryMedium.For(CardMedium.Sle4442), .. cpu];
        }

        if (atr.SequenceEqual(AcsMemoryApdus.Sle4428Atr))
        {
            return [AcsMemoryMedium.For(CardMedium.Sle4428), AcsMemoryMedium.For(CardMedium.Sle4442), .. cpu];
        }

        if (atr.SequenceEqual(AcsMemoryApdus.I2cAtr))
        {
            // Without a layout saying which, an AT24C02: type 01 and 8-byte pages suit every chip up to 16 Kbit.
            return [hinted is { Medium.IsI2c: true } ? hinted : AcsMemoryMedium.For(CardMedium.At24c02), .. cpu];
        }

        return hinted is null ? [.. cpu, AcsMemoryMedium.For(CardMedium.Sle4442)] : [hinted, .. cpu];
    }

    /// <summary>Null once the card is ready for reads; otherwise why not.</summary>
    public abstract string? Open(IApduLine connection);

    public abstract CardIoResult Read(IApduLine connection, int offset, Span<byte> destination);

    /// <summary>Writes in APDUs of up to <see cref="MaxWrite"/> bytes; the first that is not answered 90 00 ends it.</summary>
    public virtual CardIoResult Write(IApduLine connection, int offset, ReadOnlySpan<byte> data)
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

    public abstract PscResult Unlock(IApduLine connection, ReadOnlySpan<byte> secret);

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
    /// <param name="trailer">Bytes a reader may add after the data (accepted and ignored).</param>
    protected CardIoResult ReadChunks(IApduLine connection, int offset, Span<byte> destination, Func<int, int, byte[]> command, int trailer = 0)
    {
        for (var done = 0; done < destination.Length; done += MaxRead)
        {
            var count = Math.Min(MaxRead, destination.Length - done);
            var response = connection.Transmit(command(offset + done, count));
            if (Unanswered(response, writing: false) is { } gone)
            {
                return gone;
            }

            if (!EndsOk(response) || (response.Length != count + 2 && response.Length != count + trailer + 2))
            {
                return new CardIoResult(CardIoStatus.OutOfRange, $"reading {count} bytes at {offset + done}: status {StatusText(response)}");
            }

            response.AsSpan(0, count).CopyTo(destination[done..]);
        }

        return CardIoResult.Ok;
    }
}

/// <summary>A memory card in an ACS reader: pseudo-APDUs (<see cref="AcsMemoryApdus"/>), the medium's code and addressing.</summary>
internal sealed class AcsMemoryMedium : PcscMedium
{
    private static readonly AcsMemoryMedium[] Instances = [.. CardMedium.All.Select(m => new AcsMemoryMedium(m))];

    private AcsMemoryMedium(CardMedium medium) => Medium = medium;

    public CardMedium Medium { get; }

    public static AcsMemoryMedium For(CardMedium medium) => Instances[(int)medium.Kind];

    public override string Name => Medium.Name;

    public override int MaxRead => AcsMemoryApdus.MaxLength;

    public override string? Open(IApduLine connection)
    {
        if (!EndsOk(connection.Transmit(AcsMemoryApdus.SelectCardType(Medium))))
        {
            return $"would not select an {Medium.Name} memory card";
        }

        // The reader's default page is 8 bytes, which every AT24C takes; the chip's own page saves APDU time inside the reader.
        return !Medium.IsI2c || EndsOk(connection.Transmit(AcsMemoryApdus.SelectPageSize(Medium.PageSize))) ? null : $"would not take the {Medium.Name}'s {Medium.PageSize}-byte page";
    }

    // An SLE4442 read on some ACS readers ends with its 4 protection bytes before 90 00: the data is the first bytes.
    public override CardIoResult Read(IApduLine connection, int offset, Span<byte> destination) =>
        ReadChunks(connection, offset, destination, AcsMemoryApdus.Read, Medium.Kind == CardMediumKind.Sle4442 ? 4 : 0);

    protected override byte[] WriteCommand(int offset, ReadOnlySpan<byte> data) => AcsMemoryApdus.Write(offset, data);

    protected override CardIoResult WriteRefused(int offset, ReadOnlySpan<byte> response) => response switch
    {
        [0x69, 0x82] => new CardIoResult(CardIoStatus.Locked, $"present the PSC before writing (or the card is locked after {Medium.MaxTries} wrong codes)"),
        [0x69, 0x86] => new CardIoResult(CardIoStatus.WriteProtected, Medium.ProtectsEachByte
            ? $"a byte from {offset} on is write-protected"
            : $"bytes 0..{Medium.ProtectedPrefix - 1} are write-protected"),
        _ => new CardIoResult(CardIoStatus.OutOfRange, $"writing at {offset}: status {StatusText(response)}"),
    };

    public override PscResult Unlock(IApduLine connection, ReadOnlySpan<byte> secret)
    {
        if (!Medium.HasPsc)
        {
            return new(PscStatus.Accepted, 0); // an I²C card: writes are always allowed, no APDU to send
        }

        var response = connection.Transmit(AcsMemoryApdus.PresentCode(Medium.PscOf(secret)));
        if (response.Length < 2)
        {
            return new(PscStatus.NoCard, 0);
        }

        // SLE4442: 90 <counter>; SLE4428: <counter> <code> 90 00.
        int? tries = Medium.Kind == CardMediumKind.Sle4442
            ? response is [0x90, var sw2] ? Sle4442Apdus.TriesLeft(sw2) : null
            : response.Length == 5 && EndsOk(response) ? AcsMemoryApdus.TriesLeft(response[0]) : null;
        return tries switch
        {
            null => new(PscStatus.Locked, 0),
            var t when t == Medium.MaxTries => new(PscStatus.Accepted, t.Value),
            0 => new(PscStatus.Locked, 0),
            var t => new(PscStatus.Wrong, t.Value),
        };
    }
}

/// <summary>
/// An ISO 7816-4 CPU card: the image is the medium's files end to end, each read and updated after a SELECT of its
/// identifier, updates unlocked by external authentication. One instance a connection: it remembers the file selected.
/// </summary>
internal sealed class CpuCardMedium(CardMedium medium) : PcscMedium
{
    private CpuFile? _selected;

    public override string Name => "cpu";

    // READ BINARY with Le = 00 answers 256 bytes.
    public override int MaxRead => 256;

    public override string? Open(IApduLine connection)
    {
        var first = medium.Files[0];
        _selected = null;
        var response = connection.Transmit(Iso7816Apdus.Select(first.Id));
        if (!EndsOk(response))
        {
            return $"has no file {first.Id:X4} (SELECT answered {StatusText(response)}): not a prepaid CPU card of this layout";
        }

        _selected = first;
        return null;
    }

    public override CardIoResult Read(IApduLine connection, int offset, Span<byte> destination)
    {
        var parts = Parts(offset, destination.Length);
        if (parts is [] && destination.Length > 0)
        {
            return Beyond(offset, destination.Length);
        }

        foreach (var (file, start, count) in parts)
        {
            var result = Select(connection, file) ?? ReadChunks(connection, offset + start - file.Start, destination.Slice(start, count), Iso7816Apdus.ReadBinary);
            if (!result.Success)
            {
                return result;
            }
        }

        return CardIoResult.Ok;
    }

    public override CardIoResult Write(IApduLine connection, int offset, ReadOnlySpan<byte> data)
    {
        var parts = Parts(offset, data.Length);
        if (parts is [] && data.Length > 0)
        {
            return Beyond(offset, data.Length);
        }

        foreach (var (file, start, count) in parts)
        {
            var result = Select(connection, file) ?? base.Write(connection, offset + start, data.Slice(start, count));
            if (!result.Success)
            {
                return result;
            }
        }

        return CardIoResult.Ok;
    }

    protected override byte[] WriteCommand(int offset, ReadOnlySpan<byte> data) =>
        Iso7816Apdus.UpdateBinary(offset - _selected!.Start, data);

    protected override CardIoResult WriteRefused(int offset, ReadOnlySpan<byte> response) => Iso7816Apdus.StatusOf(response) switch
    {
        Iso7816Apdus.SecurityNotSatisfied when medium.IsNeverWritten(offset) => new CardIoResult(CardIoStatus.WriteProtected, medium == CardMedium.CpuImage
            ? $"bytes 0..{CpuCard.HeaderBytes - 1} (the issuer's header) are never updated"
            : $"file {_selected!.Id:X4} ({_selected.Name}) is never updated"),
        Iso7816Apdus.SecurityNotSatisfied => new CardIoResult(CardIoStatus.Locked, "authenticate to the card before writing (or its key is blocked after three wrong cryptograms)"),
        _ => new CardIoResult(CardIoStatus.OutOfRange, $"updating at {offset}: status {StatusText(response)}"),
    };

    /// <summary>
    /// The files image bytes <paramref name="offset"/>..+<paramref name="length"/> lie in, each with where its part
    /// starts in those bytes and how many it takes; none when the bytes are not all on the card.
    /// </summary>
    private List<(CpuFile File, int Start, int Count)> Parts(int offset, int length)
    {
        var parts = new List<(CpuFile, int, int)>();
        for (var done = 0; done < length && medium.FileAt(offset + done) is { } file;)
        {
            var count = Math.Min(length - done, file.End - (offset + done));
            parts.Add((file, done, count));
            done += count;
        }

        return parts.Sum(p => p.Item3) == length ? parts : [];
    }

    private CardIoResult Beyond(int offset, int length) =>
        new(CardIoStatus.OutOfRange, $"bytes {offset}..{offset + length - 1} are beyond the card's {medium.Capacity}");

    /// <summary>SELECTs <paramref name="file"/> unless it is the current file; null when it is current now.</summary>
    private CardIoResult? Select(IApduLine connection, CpuFile file)
    {
        if (_selected == file)
        {
            return null;
        }

        var response = connection.Transmit(Iso7816Apdus.Select(file.Id));
        if (Unanswered(response, writing: false) is { } gone)
        {
            return gone;
        }

        if (!EndsOk(response))
        {
            return new CardIoResult(CardIoStatus.OutOfRange, $"the card has no file {file.Id:X4} ({file.Name}): SELECT answered {StatusText(response)}");
        }

        _selected = file;
        return null;
    }

    public override PscResult Unlock(IApduLine connection, ReadOnlySpan<byte> secret)
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
