using System.Globalization;

namespace PrepaidMeter.Cards.Readers;

/// <summary>The cards a layout can live on (docs/card-media.md): memory cards, and CPU cards with a file map.</summary>
public enum CardMediumKind
{
    Sle4442,
    Sle4428,
    At24c01,
    At24c02,
    At24c04,
    At24c08,
    At24c16,
    At24c32,
    At24c64,
    Cpu,
}

/// <summary>
/// What a card is, as data: its capacity, which bytes a layout may never write, how writes are
/// unlocked (the PSC's length and the error counter's tries) and, for an I²C EEPROM, its page size.
/// The figures are the data sheets' (Infineon SLE4442 / SLE4428, Atmel AT24C01A…AT24C64). A CPU card is
/// its file map (<see cref="Files"/>): the files laid end to end make the image the tool reads and writes.
/// </summary>
public readonly record struct CardMedium
{
    private CardMedium(CardMediumKind kind, string name, int capacity, int protectedPrefix, int reservedSuffix, int pscLength, int maxTries, int pageSize, IReadOnlyList<CpuFile>? files = null)
    {
        Files = files ?? [];
        Kind = kind;
        Name = name;
        Capacity = capacity;
        ProtectedPrefix = protectedPrefix;
        ReservedSuffix = reservedSuffix;
        PscLength = pscLength;
        MaxTries = maxTries;
        PageSize = pageSize;
    }

    /// <summary>256 bytes; bytes 0..31 write-protected after issue; 3-byte PSC, 3 tries.</summary>
    public static CardMedium Sle4442 { get; } = new(CardMediumKind.Sle4442, "sle4442", 256, 32, 0, 3, 3, 0);

    /// <summary>
    /// 1024 bytes with a protection bit for every byte; the last three hold the error counter (1021) and the
    /// 2-byte PSC (1022..1023), so a layout never owns them; 8 tries.
    /// </summary>
    public static CardMedium Sle4428 { get; } = new(CardMediumKind.Sle4428, "sle4428", 1024, 0, 3, 2, 8, 0);

    /// <summary>The I²C EEPROM family: no PSC, no protection; writes go in pages of the chip's size.</summary>
    public static CardMedium At24c01 { get; } = I2c(CardMediumKind.At24c01, "at24c01", 128, 8);

    public static CardMedium At24c02 { get; } = I2c(CardMediumKind.At24c02, "at24c02", 256, 8);

    public static CardMedium At24c04 { get; } = I2c(CardMediumKind.At24c04, "at24c04", 512, 16);

    public static CardMedium At24c08 { get; } = I2c(CardMediumKind.At24c08, "at24c08", 1024, 16);

    public static CardMedium At24c16 { get; } = I2c(CardMediumKind.At24c16, "at24c16", 2048, 16);

    public static CardMedium At24c32 { get; } = I2c(CardMediumKind.At24c32, "at24c32", 4096, 32);

    public static CardMedium At24c64 { get; } = I2c(CardMediumKind.At24c64, "at24c64", 8192, 32);

    /// <summary>
    /// The CPU card a layout without a file map lives on: one 256-byte file (0001) holding an SLE4442-style image,
    /// its first 32 bytes the issuer's header, never updated; updates after external authentication.
    /// </summary>
    public static CardMedium CpuImage { get; } = new(CardMediumKind.Cpu, "cpu", 256, 32, 0, 3, 3, 0, [new CpuFile(0x0001, "image", 0, 256, CpuAccess.Key)]);

    /// <summary>Every memory card, in the order the docs list them.</summary>
    public static IReadOnlyList<CardMedium> All { get; } = [Sle4442, Sle4428, At24c01, At24c02, At24c04, At24c08, At24c16, At24c32, At24c64];

    /// <summary>The names a layout's <c>medium.type</c> and <c>card serve --media</c> take: every memory card, and "cpu".</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(m => m.Name), "cpu"];

    /// <summary>
    /// A CPU card with the layout's file map: its files end to end (<see cref="CpuFile.Start"/> says where each begins),
    /// updates as each file's access condition says, the key derived from the group's 3-byte write secret with three tries.
    /// </summary>
    public static CardMedium Cpu(IReadOnlyList<CpuFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var start = 0;
        foreach (var file in files)
        {
            if (file.Start != start || file.Size < 1)
            {
                throw new ArgumentException($"File {file} does not follow the one before it: a CPU card's image is its files end to end.", nameof(files));
            }

            start = file.End;
        }

        return start == 0 ? throw new ArgumentException("A CPU card has at least one file.", nameof(files)) : new(CardMediumKind.Cpu, "cpu", start, 0, 0, 3, 3, 0, [.. files]);
    }

    /// <summary>A CPU card's files in image order; empty for a memory card.</summary>
    public IReadOnlyList<CpuFile> Files { get; }

    public bool IsCpu => Kind == CardMediumKind.Cpu;

    /// <summary>The CPU file holding image byte <paramref name="address"/>, or null (a memory card, or past the end).</summary>
    public CpuFile? FileAt(int address)
    {
        foreach (var file in Files)
        {
            if (file.Holds(address))
            {
                return file;
            }
        }

        return null;
    }

    /// <summary>Whether a write to <paramref name="address"/> needs the code first (every byte of a card with a PSC; a CPU card's key files).</summary>
    public bool UpdateNeedsCode(int address) => IsCpu ? FileAt(address)?.Update != CpuAccess.Free : HasPsc;

    /// <summary>Whether <paramref name="address"/> can never be written: the protected prefix, the reserved suffix, a CPU card's never-updated file.</summary>
    public bool IsNeverWritten(int address) =>
        address < ProtectedPrefix || address >= UsableEnd || (IsCpu && FileAt(address)?.Update == CpuAccess.Never);

    public CardMediumKind Kind { get; }

    /// <summary>"sle4442", "sle4428", "at24c01" … "at24c64".</summary>
    public string Name { get; }

    /// <summary>Bytes on the card.</summary>
    public int Capacity { get; }

    /// <summary>Bytes 0..ProtectedPrefix-1 are write-protected once the card is issued (an SLE4442's manufacturer area).</summary>
    public int ProtectedPrefix { get; }

    /// <summary>The last bytes of the card that hold the card's own secrets (SLE4428: error counter and PSC), never the layout's.</summary>
    public int ReservedSuffix { get; }

    /// <summary>Bytes of the programmable security code; 0 for a card whose writes are always allowed.</summary>
    public int PscLength { get; }

    /// <summary>Wrong codes the error counter takes before the card locks for good; 0 without a PSC.</summary>
    public int MaxTries { get; }

    /// <summary>An I²C EEPROM's write page in bytes; 0 for the SLE cards.</summary>
    public int PageSize { get; }

    public bool HasPsc => PscLength > 0;

    public bool IsI2c => PageSize > 0;

    /// <summary>Whether every byte has its own protection bit (SLE4428).</summary>
    public bool ProtectsEachByte => Kind == CardMediumKind.Sle4428;

    /// <summary>The bytes a layout's image may occupy: after the protected prefix, before the reserved suffix.</summary>
    public int UsableStart => ProtectedPrefix;

    public int UsableEnd => Capacity - ReservedSuffix;

    /// <summary>
    /// The code this card takes, cut from the supply group's 3-byte write secret: all of it on an SLE4442, the first
    /// two bytes on an SLE4428, nothing on an I²C card. Every reader unlocks with the group's secret this way.
    /// </summary>
    public ReadOnlySpan<byte> PscOf(ReadOnlySpan<byte> secret) => secret.Length <= PscLength ? secret : secret[..PscLength];

    /// <summary>The medium named <paramref name="name"/> (case-insensitive), or null; "cpu" is the CPU card without a file map.</summary>
    public static CardMedium? Parse(string? name)
    {
        if (string.Equals(name, CpuImage.Name, StringComparison.OrdinalIgnoreCase))
        {
            return CpuImage;
        }

        foreach (var medium in All)
        {
            if (string.Equals(medium.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return medium;
            }
        }

        return null;
    }

    // Two CPU media are the same card when their file maps are: compiled twice from one layout, they are equal.
    public bool Equals(CardMedium other) =>
        Kind == other.Kind && Capacity == other.Capacity && ProtectedPrefix == other.ProtectedPrefix && Files.SequenceEqual(other.Files);

    public override int GetHashCode() => HashCode.Combine(Kind, Capacity, ProtectedPrefix, Files.Count);

    public override string ToString() => IsCpu && this != CpuImage
        ? string.Create(CultureInfo.InvariantCulture, $"cpu ({Files.Count} files, {Capacity} bytes)")
        : string.Create(CultureInfo.InvariantCulture, $"{Name} ({Capacity} bytes)");

    private static CardMedium I2c(CardMediumKind kind, string name, int capacity, int pageSize) => new(kind, name, capacity, 0, 0, 0, 0, pageSize);
}
