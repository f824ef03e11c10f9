using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Layouts;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Cards.Records;

namespace PrepaidMeter.Hardware.Traces;

/// <summary>What one write did to the layout's fields, or why that cannot be said.</summary>
/// <param name="Changes">The fields the write changed from the last state that decoded; empty with a <paramref name="Note"/>.</param>
/// <param name="Note">Why no fields are named: the image was not read in full first, or it does not decode (yet).</param>
public sealed record WriteEffect(IReadOnlyList<CardFieldChange> Changes, string? Note);

/// <summary>
/// Follows a trace with a layout: keeps the card bytes it has seen read and applies the writes that were answered
/// 90 00, so each write can be told in fields ("purchaseCount 2 → 3"). A write that leaves the image not decoding
/// (the first of two APDUs that write one image, a torn write) is said so, and the next write that makes it whole
/// is compared with the last state that decoded. Addresses are the card's: an ACS read's, or a CPU card's file start
/// plus the READ BINARY / UPDATE BINARY offset in the file selected.
/// </summary>
public sealed class CardImageWatch
{
    private readonly CardLayout _layout;
    private readonly SupplyGroupKeys? _keys;
    private readonly byte[] _memory;
    private readonly bool[] _known;
    private int _session;
    private CpuFile? _selected;
    private Dictionary<string, string>? _fields;

    public CardImageWatch(CardLayout layout, SupplyGroupKeys? keys)
    {
        ArgumentNullException.ThrowIfNull(layout);
        (_layout, _keys) = (layout, keys);
        _memory = new byte[Math.Max(layout.Medium.Capacity, layout.MediumOffset + layout.Size)];
        _known = new bool[_memory.Length];
    }

    /// <summary>The layout's fields as the watch last decoded them; null until the whole image was seen.</summary>
    public IReadOnlyDictionary<string, string>? Fields => _fields;

    /// <summary>Takes in one exchange; what it did to the fields when it was a write answered 90 00, else null.</summary>
    public WriteEffect? Follow(ApduExchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        if (exchange.Session != _session)
        {
            (_session, _selected) = (exchange.Session, null); // a new session selects no file
        }

        var command = exchange.Command;
        if (command.Length < 5 || exchange.StatusWord != 0x9000)
        {
            return null;
        }

        var offset = (command[2] << 8) | command[3];
        var data = command.AsSpan(5);
        switch (command[0], command[1])
        {
            case (0x00, 0xA4) when data.Length == 2:
                var id = (ushort)((data[0] << 8) | data[1]);
                _selected = _layout.Medium.Files.FirstOrDefault(f => f.Id == id);
                return null;
            case (0xFF, 0xB0):
                Seen(offset, exchange.Data, command[4]);
                return null;
            case (0x00, 0xB0) when _selected is { } file:
                Seen(file.Start + (offset & 0x7FFF), exchange.Data, command[4]);
                return null;
            case (0xFF, 0xD0) when data.Length == command[4]:
                return Written(offset, data);
            case (0x00, 0xD6) when _selected is { } file && data.Length == command[4]:
                return Written(file.Start + (offset & 0x7FFF), data);
            default:
                return null;
        }
    }

    // A read answers its bytes (an SLE4442 read on some readers adds 4 protection bytes after them).
    private void Seen(int address, ReadOnlySpan<byte> data, byte le)
    {
        var count = Math.Min(le == 0 ? 256 : le, data.Length);
        Put(address, data[..count]);
        if (_fields is null && Whole() && Decode() is { Record: { } record })
        {
            _fields = CardRecordFields.Of(record);
        }
    }

    private WriteEffect Written(int address, ReadOnlySpan<byte> data)
    {
        var wholeBefore = Whole();
        Put(address, data);
        if (address + data.Length <= _layout.MediumOffset || address >= _layout.MediumOffset + _layout.Size)
        {
            return new([], "outside the layout's image");
        }

        if (!Whole())
        {
            return new([], "the image was not read in full before: its fields are not known");
        }

        var decoded = Decode();
        if (decoded.Record is not { } record)
        {
            return new([], $"the image does not decode now: {decoded.Fault}");
        }

        var after = CardRecordFields.Of(record);
        var before = _fields ?? (wholeBefore ? [] : null);
        _fields = after;
        return before is null
            ? new([], "the image was not read in full before: its fields are not known")
            : new(CardRecordFields.Changes(before, after), null);
    }

    private void Put(int address, ReadOnlySpan<byte> data)
    {
        if (address < 0 || address + data.Length > _memory.Length)
        {
            return; // beyond what the layout's medium holds: nothing of its image
        }

        data.CopyTo(_memory.AsSpan(address));
        _known.AsSpan(address, data.Length).Fill(true);
    }

    private bool Whole() => !_known.AsSpan(_layout.MediumOffset, _layout.Size).Contains(false);

    private Cards.Codec.CardDecodeResult Decode() => _layout.Decode(_layout.ImageOn(_memory), _keys);
}
