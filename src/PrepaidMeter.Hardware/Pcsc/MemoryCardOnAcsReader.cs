using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>
/// A memory card of any medium in an ACS reader: answers the reader's pseudo-APDUs (<see cref="AcsMemoryApdus"/>)
/// with the ATR, error counter and protection of that card. Status words: 90 00 done, 67 00 wrong length,
/// 6E 00 class, 6D 00 instruction (or one the medium lacks), 6A 81 a card type other than this card's,
/// 6A 80 a page size the reader lacks, 69 82 not unlocked, 69 86 write-protected, 6B 00 beyond the card,
/// 69 85 any command before the card type is selected (SELECT_CARD_TYPE must come first after insertion, and
/// again after a power-off or reset).
/// </summary>
public sealed class MemoryCardOnAcsReader(MemoryCard card) : IVirtualCardMedium
{
    // The reader's I²C page size: 8 until the host selects another, and again after every removal.
    private int _pageSize = 8;

    // Whether the host selected this card's type since the card went in (or was last powered).
    private bool _selected;

    public MemoryCard Card { get; } = card;

    public string MediaName => Card.Medium.Name;

    public ReadOnlySpan<byte> Atr => AcsMemoryApdus.AtrOf(Card.Medium);

    public ReadOnlySpan<byte> Memory => Card.Memory;

    private CardMedium Medium => Card.Medium;

    public byte[] Respond(ReadOnlySpan<byte> command)
    {
        ArgumentNullException.ThrowIfNull(Card);
        // Shorter than a header (a one-byte slip): wrong length whatever its first byte; a bare header: its class first.
        if (command.Length < 5)
        {
            return command.Length == 4 && command[0] != 0xFF ? [0x6E, 0x00] : [0x67, 0x00];
        }

        if (command[0] != 0xFF)
        {
            return [0x6E, 0x00];
        }

        var (ins, address, length) = (command[1], (command[2] << 8) | command[3], command[4]);
        var data = command[5..];
        var hasData = ins is 0xA4 or 0x01 or 0xD0 or 0x20 or 0xD2 or 0xD1;
        if (hasData && data.Length != length)
        {
            return [0x67, 0x00];
        }

        if (ins == 0xA4)
        {
            return SelectCardType(data, length);
        }

        if (!_selected)
        {
            return [0x69, 0x85];
        }

        // An SLE4442's address is one byte: P1 must be 0.
        if (Medium.Kind == CardMediumKind.Sle4442 && command[2] != 0 && ins is 0xB0 or 0xD0)
        {
            return [0x6B, 0x00];
        }

        return ins switch
        {
            0x01 when Medium.IsI2c && length == 1 => SelectPageSize(data[0]),
            0xB0 => Read(address, length == 0 ? 256 : length),
            0xD0 => Status(Medium.IsI2c ? WritePages(address, data) : Card.Write(address, data)),
            0x20 when Medium.HasPsc => length == Medium.PscLength ? PresentCode(data) : [0x67, 0x00],
            0xB1 when Medium.HasPsc => length == Medium.PscLength + 1 || (length == 0 && Medium.Kind == CardMediumKind.Sle4428)
                ? [Card.ErrorCounter, .. new byte[Medium.PscLength], .. AcsMemoryApdus.Ok]
                : [0x67, 0x00],
            0xB2 when Medium.Kind == CardMediumKind.Sle4442 => length == 4 && address == 0 ? [.. ProtectionBits(0, 32), .. AcsMemoryApdus.Ok] : [0x67, 0x00],
            0xB2 when Medium.ProtectsEachByte => ReadProtection(address, length == 0 ? 256 : length),
            0xD1 when Medium.ProtectsEachByte => Status(Card.Protect(address, data)),
            0xD2 when Medium.HasPsc => length == Medium.PscLength ? Status(Card.ChangePsc(data)) : [0x67, 0x00],
            0x01 => [0x67, 0x00],
            _ => [0x6D, 0x00],
        };
    }

    public bool IsWrite(ReadOnlySpan<byte> command) => command.Length > 5 && command[0] == 0xFF && command[1] == 0xD0;

    public void WritePartly(ReadOnlySpan<byte> command, int bytes) => Card.Write((command[2] << 8) | command[3], command[5..], bytes);

    public void EndSession()
    {
        Card.EndSession();
        _pageSize = 8;
        _selected = false;
    }

    private byte[] SelectCardType(ReadOnlySpan<byte> data, int length)
    {
        if (length != 1)
        {
            return [0x67, 0x00];
        }

        _selected = data[0] == AcsMemoryApdus.TypeCode(Medium);
        return _selected ? AcsMemoryApdus.Ok : [0x6A, 0x81];
    }

    private byte[] SelectPageSize(byte code)
    {
        if (code is < 3 or > 7)
        {
            return [0x6A, 0x80];
        }

        _pageSize = 1 << code;
        return AcsMemoryApdus.Ok;
    }

    private byte[] Read(int address, int count)
    {
        var data = new byte[count];
        return Card.Read(address, data) is { Success: true } ? [.. data, .. AcsMemoryApdus.Ok] : [0x6B, 0x00];
    }

    /// <summary>
    /// The reader sends an I²C write in page writes of the page size selected, split at those page boundaries; the
    /// chip wraps a page write at its own page's end (<see cref="MemoryCard.WritePage"/>), so a page size larger
    /// than the chip's garbles the write as a real card does.
    /// </summary>
    private CardIoResult WritePages(int address, ReadOnlySpan<byte> data)
    {
        if (address + data.Length > Medium.Capacity)
        {
            return new(CardIoStatus.OutOfRange, null);
        }

        for (var done = 0; done < data.Length;)
        {
            var at = address + done;
            var count = Math.Min(_pageSize - (at % _pageSize), data.Length - done);
            var written = Card.WritePage(at, data.Slice(done, Math.Min(count, Medium.PageSize)));
            if (!written.Success)
            {
                return written;
            }

            // A selected page larger than the chip's sends the rest of the page to the same chip page: it wraps.
            for (var extra = Medium.PageSize; extra < count; extra += Medium.PageSize)
            {
                Card.WritePage(at, data.Slice(done + extra, Math.Min(Medium.PageSize, count - extra)));
            }

            done += count;
        }

        return CardIoResult.Ok;
    }

    /// <summary>ERRCNT then the code as the card reads it: the code presented when right, FF FF when not (SLE4428); SW2 = counter (SLE4442).</summary>
    private byte[] PresentCode(ReadOnlySpan<byte> code)
    {
        var result = Card.PresentPsc(code);
        if (Medium.Kind == CardMediumKind.Sle4442)
        {
            return [0x90, Card.ErrorCounter];
        }

        byte[] read = result.Status == PscStatus.Accepted ? code.ToArray() : [0xFF, 0xFF];
        return [Card.ErrorCounter, .. read, .. AcsMemoryApdus.Ok];
    }

    private byte[] ReadProtection(int address, int count) =>
        address < 0 || address + count > Medium.Capacity ? [0x6B, 0x00] : [.. ProtectionBits(address, count), .. AcsMemoryApdus.Ok];

    /// <summary>One bit a byte, the first byte in bit 0 of the first answer byte; 0 = protected, 1 = writable (ACS's arrangement).</summary>
    private byte[] ProtectionBits(int address, int count)
    {
        var bits = new byte[(count + 7) / 8];
        for (var i = 0; i < count; i++)
        {
            if (!Card.IsProtected(address + i))
            {
                bits[i / 8] |= (byte)(1 << (i % 8));
            }
        }

        return bits;
    }

    private static byte[] Status(CardIoResult result) => result.Status switch
    {
        CardIoStatus.Ok => AcsMemoryApdus.Ok,
        CardIoStatus.Locked => [0x69, 0x82],
        CardIoStatus.WriteProtected => [0x69, 0x86],
        _ => [0x6B, 0x00],
    };
}
