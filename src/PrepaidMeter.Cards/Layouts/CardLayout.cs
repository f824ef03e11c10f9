using System.Globalization;
using PrepaidMeter.Cards.Integrity;

namespace PrepaidMeter.Cards.Layouts;

/// <summary>
/// A compiled card layout: the descriptor resolved into arrays indexed by kind code and field, so
/// encoding and decoding do no reflection and no look-up by name. Immutable and thread-safe.
/// The codec itself lives in the partial files CardLayout.Decode.cs and CardLayout.Encode.cs.
/// </summary>
public sealed partial class CardLayout
{
    private readonly byte[] _tag;
    private string _sourceText = "";
    private string? _sha256;
    private readonly CompiledField _tagField;
    private readonly CompiledField _kindField;
    private readonly CompiledField? _returnWritePresent;
    private readonly CompiledField? _priceField;
    private readonly KindPlan?[] _plansByCode;
    private readonly byte[] _codeByKind;
    private readonly bool[] _supportsKind;
    private readonly CompiledChecksum[] _checksums;
    private readonly CompiledMac? _mac;
    private readonly Dictionary<CardField, CompiledField> _fields;

    // The MAC-covered bytes before the first return-write field, in whole hash blocks: what a return-write's
    // MAC can start after (MacPrefix). 0 where the MAC covers several ranges or the layout has no return-write.
    private readonly int _macPrefixLength;

    /// <summary>
    /// The descriptor text this layout was compiled from, as its file holds it: what a meter's NVRAM and the back
    /// office's books keep so the layout works without its file, and what <see cref="Sha256"/> names.
    /// Empty for a layout compiled from a descriptor object rather than text.
    /// </summary>
    public string SourceText
    {
        get => _sourceText;
        internal set
        {
            _sourceText = value;
            _sha256 = null;
        }
    }

    /// <summary>The SHA-256 of <see cref="SourceText"/> in UTF-8, lower-case hex: which file a report certified.</summary>
    public string Sha256 => _sha256 ??= Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(SourceText)));

    internal CardLayout(
        string id,
        int version,
        string description,
        int size,
        ByteRange dataArea,
        byte fill,
        byte[] tag,
        CompiledField kindField,
        Dictionary<CardField, CompiledField> fields,
        KindPlan?[] plansByCode,
        byte[] codeByKind,
        bool[] supportsKind,
        List<CompiledChecksum> checksums,
        CompiledMac? mac,
        Readers.CardMedium medium,
        int mediumOffset)
    {
        Medium = medium;
        MediumOffset = mediumOffset;
        Id = id;
        Version = version;
        Description = description;
        Size = size;
        DataArea = dataArea;
        Fill = fill;
        _tag = tag;
        _tagField = fields[CardField.LayoutTag];
        _kindField = kindField;
        _fields = fields;
        _returnWritePresent = fields.GetValueOrDefault(CardField.ReturnWritePresent);
        _priceField = fields.GetValueOrDefault(CardField.Price);
        _plansByCode = plansByCode;
        _codeByKind = codeByKind;
        _supportsKind = supportsKind;
        _checksums = [.. checksums];
        _mac = mac;
        _macPrefixLength = MacPrefixLength(mac, fields);
    }

    private static int MacPrefixLength(CompiledMac? mac, Dictionary<CardField, CompiledField> fields)
    {
        var returnWrite = fields.Values.Where(f => f.Field >= CardField.ReturnWritePresent).Select(f => f.Offset).DefaultIfEmpty(-1).Min();
        if (mac is not { Covers.Length: 1 } || returnWrite < 0)
        {
            return 0;
        }

        var unchanged = returnWrite - mac.Covers[0].Offset;
        return Math.Clamp(unchanged / 64 * 64, 0, MacPrefix.MaxBytes);
    }

    public string Id { get; }

    public int Version { get; }

    public string Description { get; }

    /// <summary>Bytes in a whole card image.</summary>
    public int Size { get; }

    /// <summary>The bytes this layout owns and writes; the rest of the image is never touched.</summary>
    public ByteRange DataArea { get; }

    public byte Fill { get; }

    /// <summary>The memory card this layout's cards are made of.</summary>
    public Readers.CardMedium Medium { get; }

    /// <summary>The card address of the image's byte 0: the image is card bytes MediumOffset..MediumOffset+Size-1.</summary>
    public int MediumOffset { get; }

    /// <summary>Reads this layout's image where its medium places it on the card in <paramref name="reader"/>.</summary>
    public ValueTask<(Readers.CardIoResult Result, byte[] Image)> ReadImageAsync(Readers.ICardReader reader, CancellationToken cancellationToken) =>
        Readers.CardImageIo.ReadAsync(reader, Size, cancellationToken, MediumOffset);

    /// <summary>This layout's image within a whole card's <paramref name="memory"/> (empty when the card is too small to hold it).</summary>
    public ReadOnlySpan<byte> ImageOn(ReadOnlySpan<byte> memory) =>
        memory.Length >= MediumOffset + Size ? memory.Slice(MediumOffset, Size) : [];

    /// <summary>
    /// A blank card of this layout's stock: a factory-new card of its medium, the fresh image at its offset, behind
    /// the code cut from the group's write <paramref name="secret"/> (<see cref="Readers.CardMedium.PscOf"/>).
    /// </summary>
    public Readers.MemoryCard NewBlankCard(ReadOnlySpan<byte> secret) => new(Medium, NewCardMemory(), Medium.PscOf(secret));

    /// <summary>A factory-new card of this layout's medium: 0xFF everywhere, the layout's fresh image at its offset.</summary>
    public byte[] NewCardMemory()
    {
        var memory = new byte[Medium.Capacity];
        memory.AsSpan().Fill(0xFF);
        NewImage().CopyTo(memory, MediumOffset);
        return memory;
    }

    /// <summary>True when cards of this layout carry a keyed MAC, so decoding needs the supply group's keys.</summary>
    public bool HasMac => _mac is not null;

    public bool CarriesPrice => _priceField is not null;

    /// <summary>True when <paramref name="image"/> carries this layout's tag (or is a blank of its size), so a reader of several layouts can pick.</summary>
    public bool HasTag(ReadOnlySpan<byte> image) =>
        image.Length == Size && (image.Slice(_tagField.Offset, _tagField.Length).SequenceEqual(_tag)
            || _plansByCode[image[_kindField.Offset]] is { Kind: Records.CardKind.Blank });

    public bool Supports(Records.CardKind kind) => _supportsKind[(int)kind];

    /// <summary>The largest value a field holds in record units (hundredths for amounts), and the step between values.</summary>
    public (long Max, long Step, bool Signed)? CapacityOf(CardField field)
    {
        if (!_fields.TryGetValue(field, out var compiled))
        {
            return null;
        }

        return (compiled.Capacity / compiled.ScaleUp * compiled.ScaleDown, compiled.ScaleDown, compiled.Signed);
    }

    /// <summary>Every byte range a checksum or the MAC protects, for tests and docs.</summary>
    public IReadOnlyList<ByteRange> ProtectedRanges =>
        [.. _checksums.SelectMany(c => c.Covers.Append(new ByteRange { Offset = c.Offset, Length = c.Length }))
            .Concat(_mac is null ? [] : _mac.Covers.Append(new ByteRange { Offset = _mac.Offset, Length = _mac.Length }))];

    /// <summary>A fresh image: the fill byte everywhere, as a factory-new card reads.</summary>
    public byte[] NewImage()
    {
        var image = new byte[Size];
        image.AsSpan().Fill(Fill);
        return image;
    }

    public override string ToString() => $"{Id} v{Version} ({Size} bytes)";

    /// <summary>"the image has 300 bytes; layout pm-ref-v1 takes 256": both lengths, for a decode's fault and an encode's misuse alike.</summary>
    private string SizeMismatch(int length) => string.Create(CultureInfo.InvariantCulture, $"the image has {length} bytes; layout {Id} takes {Size}");
}
