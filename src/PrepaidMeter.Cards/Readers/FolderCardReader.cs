using System.Globalization;
using PrepaidMeter.Cards.Codec;

namespace PrepaidMeter.Cards.Readers;

/// <summary>
/// A reader over a folder of card files (NAME.hex): inserting a card means naming its file. The
/// card's medium, PSC and remaining tries live in the file's header comments ("# medium: at24c02", "# psc: FFFFFF",
/// "# tries: 3"; a CPU card's file map as "# files: 0015:parameters:64:key 0016:purchase:32:key"), and every write is saved at once (write to a temporary file, then rename), so a
/// QA engineer can move cards between a counter and a meter with files alone.
/// </summary>
public sealed class FolderCardReader : ICardReader
{
    private readonly InMemoryCardReader _slot;
    private string? _path;

    public FolderCardReader(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = folder;
        _slot = new InMemoryCardReader($"folder:{folder}");
    }

    public string Folder { get; }

    public string Name => _slot.Name;

    /// <summary>The file of the card in the reader, if any.</summary>
    public string? InsertedPath => _path;

    /// <summary>Puts the card in NAME (or NAME.hex) into the reader; a refusal says what is wrong with the file.</summary>
    public string? Insert(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var path = Path.Combine(Folder, name.EndsWith(".hex", StringComparison.Ordinal) ? name : name + ".hex");
        if (Directory.Exists(path))
        {
            return $"{path} is a folder, not a file";
        }

        if (!File.Exists(path))
        {
            return $"no card file '{path}'";
        }

        if (TryLoad(path, out var card) is { } problem)
        {
            return problem;
        }

        _slot.Remove();
        _slot.Insert(card!);
        _path = path;
        return null;
    }

    public void Remove()
    {
        _slot.Remove();
        _path = null;
    }

    /// <summary>Reads a card file: the image, and the medium, PSC and tries left from its header comments.</summary>
    public static string? TryLoad(string path, out MemoryCard? card)
    {
        card = null;
        if (CardImageHex.TryParse(File.ReadAllText(path), out var image, out var headers) is { } error)
        {
            return $"{path}: {error}";
        }

        // A file without a "medium" header is an SLE4442's: the files written before the header existed.
        var mediumText = headers.GetValueOrDefault("medium");
        if ((mediumText is null ? CardMedium.Sle4442 : CardMedium.Parse(mediumText)) is not { } medium)
        {
            return $"{path}: the header 'medium: {mediumText}' names no medium; the media are {string.Join(", ", CardMedium.Names)}";
        }

        if (headers.TryGetValue("files", out var filesText))
        {
            if (!medium.IsCpu)
            {
                return $"{path}: the header 'files' is a CPU card's file map; this file's medium is {medium.Name}";
            }

            if (CpuFile.ParseMap(filesText, out var mapError) is not { } files)
            {
                return $"{path}: the header 'files': {mapError}";
            }

            medium = CardMedium.Cpu(files);
        }

        if (image.Length != medium.Capacity)
        {
            return $"{path}: {image.Length} bytes; an {medium.Name} card holds {medium.Capacity}";
        }

        var psc = headers.TryGetValue("psc", out var pscText) ? TryHex(pscText) : null;
        var tries = headers.TryGetValue("tries", out var triesText) && int.TryParse(triesText, CultureInfo.InvariantCulture, out var t) ? t : medium.MaxTries;
        if ((pscText is not null && (psc is null || psc.Length != medium.PscLength)) || tries < 0 || tries > medium.MaxTries)
        {
            return $"{path}: the header 'psc' must be {medium.PscLength} hex bytes and 'tries' 0 to {medium.MaxTries} on an {medium.Name} card";
        }

        card = new MemoryCard(medium, image, psc, tries);
        return null;
    }

    /// <summary>Writes a card file the folder reader can insert (the medium named in its header unless it is an SLE4442).</summary>
    public static void Save(string path, MemoryCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        List<string> headers = card.Medium == CardMedium.Sle4442 ? [] : [$"medium: {card.Medium.Name}"];
        if (card.Medium.IsCpu && card.Medium != CardMedium.CpuImage)
        {
            headers.Add($"files: {string.Join(' ', card.Medium.Files)}");
        }

        if (card.Medium.HasPsc)
        {
            headers.Add($"psc: {Convert.ToHexString(card.Psc)}");
            headers.Add($"tries: {card.TriesLeft.ToString(CultureInfo.InvariantCulture)}");
        }

        var text = CardImageHex.Format(card.Memory, headers);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(text);
            writer.Flush();
            // On the disk before the rename makes it the card: a power cut leaves the old card or the new, whole.
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public ValueTask<CardPresence> WaitForCardAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _slot.WaitForCardAsync(timeout, cancellationToken);

    public ValueTask<CardIoResult> ReadAsync(int offset, Memory<byte> destination, CancellationToken cancellationToken) =>
        _slot.ReadAsync(offset, destination, cancellationToken);

    /// <summary>
    /// Writes into the card and saves its file. A file that cannot be saved (a full disk, a folder in the way) is a
    /// write that did not happen: the card in the reader is put back as its file still holds it, and the failure is
    /// a result the caller's card-write unit handles (it discards the operation), not an exception past it.
    /// </summary>
    public async ValueTask<CardIoResult> WriteAsync(int offset, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var before = _slot.Card is { } card && offset >= 0 && offset + data.Length <= card.Memory.Length ? card.Memory.Slice(offset, data.Length).ToArray() : null;
        var result = await _slot.WriteAsync(offset, data, cancellationToken);
        if (!result.Success)
        {
            return result;
        }

        try
        {
            Persist();
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (before is not null)
            {
                await _slot.WriteAsync(offset, before, cancellationToken);
            }

            return new CardIoResult(CardIoStatus.ReaderFault, $"the card file {_path} could not be written ({e.Message})");
        }
    }

    public async ValueTask<PscResult> PresentPscAsync(ReadOnlyMemory<byte> psc, CancellationToken cancellationToken)
    {
        var triesBefore = _slot.Card?.TriesLeft;
        var result = await _slot.PresentPscAsync(psc, cancellationToken);
        // Only a changed error counter needs saving (a wrong code must cost its try even if the process dies next).
        if (_slot.Card?.TriesLeft != triesBefore)
        {
            Persist();
        }

        return result;
    }

    // The error counter and every written byte must survive the process, as they survive on a real card.
    private void Persist()
    {
        if (_path is not null && _slot.Card is { } card)
        {
            Save(_path, card);
        }
    }

    private static byte[]? TryHex(string text)
    {
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
