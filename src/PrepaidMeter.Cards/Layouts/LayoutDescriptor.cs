using System.Text.Json.Serialization;

namespace PrepaidMeter.Cards.Layouts;

/// <summary>
/// A card layout as its JSON file says it (fixtures/layouts/*.json, documented in docs/card-layouts.md).
/// Plain data; <see cref="LayoutCompiler"/> validates it and turns it into a <see cref="CardLayout"/>.
/// </summary>
public sealed class LayoutDescriptor
{
    /// <summary>
    /// The JSON Schema an editor checks the file against (schemas/card-layout.schema.json). Read so that
    /// unknown members can stay refused, and otherwise ignored: it says nothing about the card.
    /// </summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public string? Id { get; set; }

    public int Version { get; set; }

    public string? Description { get; set; }

    /// <summary>Bytes in the whole card image.</summary>
    public int Size { get; set; }

    /// <summary>The card the image lives on and where; default an SLE4442 with the image at byte 0.</summary>
    public MediumDescriptor? Medium { get; set; }

    /// <summary>The bytes the layout owns; the rest (an SLE4442's write-protected prefix) is left alone.</summary>
    public ByteRange? DataArea { get; set; }

    /// <summary>The byte an unused position holds (0xFF on a factory-new memory card).</summary>
    public int Fill { get; set; }

    /// <summary>The card kinds this layout carries, with the code each has in the kind field.</summary>
    public Dictionary<string, int>? Kinds { get; set; }

    public List<FieldDescriptor>? Fields { get; set; }

    public List<ChecksumDescriptor>? Checksums { get; set; }

    public MacDescriptor? Mac { get; set; }
}

/// <summary>
/// The card a layout's image lives on: <c>{ "type": "at24c02", "offset": 0 }</c>, or a CPU card with its file map,
/// <c>{ "type": "cpu", "files": [ { "id": "0015", "name": "parameters", "size": 64, "update": "key" }, ... ] }</c>.
/// </summary>
public sealed class MediumDescriptor
{
    /// <summary>"sle4442" (default), "sle4428", "at24c01" … "at24c64", "cpu".</summary>
    public string? Type { get; set; }

    /// <summary>The card address of the image's byte 0 (a memory card's; a CPU card's image starts at its first file).</summary>
    public int Offset { get; set; }

    /// <summary>A CPU card's files, in image order; without them a CPU card is one 256-byte file (0001).</summary>
    public List<FileDescriptor>? Files { get; set; }
}

/// <summary>One elementary file of a CPU card: <c>{ "id": "0016", "name": "purchase", "size": 32, "update": "key" }</c>.</summary>
public sealed class FileDescriptor
{
    /// <summary>The file identifier, four hex digits.</summary>
    public string? Id { get; set; }

    /// <summary>The name fields, checksums and ranges place themselves in with <c>"file"</c>.</summary>
    public string? Name { get; set; }

    public int Size { get; set; }

    /// <summary>"key" (default), "free" or "never".</summary>
    public string? Update { get; set; }
}

/// <summary>Where one canonical field lives and how its bytes read.</summary>
public sealed class FieldDescriptor
{
    public string? Name { get; set; }

    /// <summary>On a CPU card, the file the field lives in; its offset is then the file's.</summary>
    public string? File { get; set; }

    public int Offset { get; set; }

    public int Length { get; set; }

    public string? Encoding { get; set; }

    /// <summary>Decimal places stored, for amounts (default 2) and prices (default 4).</summary>
    public int? Scale { get; set; }

    /// <summary>The constant bytes, as hex, of the layout tag.</summary>
    public string? Value { get; set; }
}

public sealed class ChecksumDescriptor
{
    public string? Name { get; set; }

    public string? Algorithm { get; set; }

    /// <summary>On a CPU card, the file the checksum is stored in; its offset is then the file's.</summary>
    public string? File { get; set; }

    public int Offset { get; set; }

    /// <summary>"big" (default) or "little".</summary>
    public string? ByteOrder { get; set; }

    public List<ByteRange>? Covers { get; set; }
}

public sealed class MacDescriptor
{
    /// <summary>Only "hmac-sha256" for now.</summary>
    public string? Algorithm { get; set; }

    /// <summary>On a CPU card, the file the MAC is stored in; its offset is then the file's.</summary>
    public string? File { get; set; }

    public int Offset { get; set; }

    /// <summary>Bytes of the truncated MAC kept on the card (4 to 32).</summary>
    public int Length { get; set; }

    public List<ByteRange>? Covers { get; set; }
}

public sealed class ByteRange
{
    /// <summary>On a CPU card, the file the range lies in: its offset is then the file's, and without a length it is the whole file.</summary>
    public string? File { get; set; }

    public int Offset { get; set; }

    public int Length { get; set; }

    [JsonIgnore]
    public int End => Offset + Length;

    public bool Overlaps(int offset, int length) => Offset < offset + length && offset < End;

    public override string ToString() => $"{Offset}..{End - 1}";
}
