using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// The counter's one card reader. A card is one physical thing in one slot: two clerks' pages (or one clerk's two tabs) never
/// talk to it at once, so each card operation waits its turn here. With a folder reader the clerk changes the card by naming
/// another file of the folder, as they would take one card out and put another in. Meter change needs two cards at once (the
/// card written in the counter's reader, the card only read beside it): a second reader, or another file of a folder reader.
/// </summary>
public sealed class CounterDesk(ICardReader reader, string readerName, ICardReader? secondReader = null, string? secondReaderName = null) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    // A folder reader holds its card file as it was when put in; the file is read again before every operation, as a card
    // taken to the meter and put back in a real reader would be.
    private string? _cardFile = reader is FolderCardReader { InsertedPath: { } path } ? Path.GetFileNameWithoutExtension(path) : null;

    public string ReaderName => readerName;

    /// <summary>The card file in a folder reader (its name without .hex); null for another reader, or a folder reader left empty.</summary>
    public string? CardFile => _cardFile;

    /// <summary>The card files a folder reader could take (names without .hex, sorted); none for another reader.</summary>
    public IReadOnlyList<string> CardFiles() => reader is FolderCardReader folder ? FilesOf(folder) : [];

    /// <summary>Puts the card file <paramref name="name"/> into a folder reader; what is wrong otherwise (not a folder reader, no such file).</summary>
    public async Task<string?> PutInAsync(string name, CancellationToken cancellationToken = default) => await WithCardAsync(_ =>
    {
        if (reader is not FolderCardReader folder)
        {
            return Task.FromResult<string?>($"the reader {readerName} takes real cards: put the card in it");
        }

        if (!CardFiles().Contains(name, StringComparer.Ordinal))
        {
            return Task.FromResult<string?>($"no card file '{name}' in {folder.Folder}");
        }

        var problem = folder.Insert(name);
        if (problem is null)
        {
            _cardFile = name; // named only once it is in: the page never shows a card that is not there
        }

        return Task.FromResult(problem);
    }, cancellationToken);

    public void Dispose() => _turn.Dispose();

    /// <summary>Where the second card of a meter change goes, as the page names it; null when the counter cannot hold two cards.</summary>
    public string? SecondPlace => secondReader is not null ? secondReaderName ?? secondReader.Name
        : reader is FolderCardReader folder ? $"another card file of {folder.Folder}" : null;

    /// <summary>The card files the second card can be (names without .hex, sorted): a folder second reader's, else the folder reader's own.</summary>
    public IReadOnlyList<string> SecondCardFiles() => secondReader switch
    {
        FolderCardReader folder => FilesOf(folder),
        null => CardFiles(),
        _ => [],
    };

    /// <summary>
    /// Runs <paramref name="operation"/> with the card in the counter's reader and a second card beside it, in one turn. The
    /// second card is the second reader's, or <paramref name="secondFile"/> of a folder (the second reader's folder, or the
    /// counter's own when there is no second reader). What is wrong otherwise goes to <paramref name="unavailable"/>.
    /// </summary>
    public Task<T> WithTwoCardsAsync<T>(string? secondFile, Func<ICardReader, ICardReader, Task<T>> operation, Func<string, T> unavailable, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(unavailable);
        return WithCardAsync(async first =>
        {
            var folder = secondReader as FolderCardReader ?? (secondReader is null ? first as FolderCardReader : null);
            if (secondReader is null && folder is null)
            {
                return unavailable($"the reader {readerName} holds one card: start the console with --second-reader for a second card");
            }

            if (folder is null)
            {
                (secondReader as ICardSession)?.EndSession();
                return await operation(first, secondReader!);
            }

            if (string.IsNullOrEmpty(secondFile) || !FilesOf(folder).Contains(secondFile, StringComparer.Ordinal))
            {
                return unavailable($"choose the second card's file in {folder.Folder}, not '{secondFile}'");
            }

            if (secondReader is null && secondFile == _cardFile)
            {
                return unavailable($"the card file '{secondFile}' is the one in the reader: the second card is another");
            }

            // A reader of its own for the second file, so the counter's reader keeps its card.
            var second = new FolderCardReader(folder.Folder);
            return second.Insert(secondFile) is { } problem ? unavailable(problem) : await operation(first, second);
        }, cancellationToken);
    }

    private static IReadOnlyList<string> FilesOf(FolderCardReader folder) => Directory.Exists(folder.Folder)
        ? [.. Directory.EnumerateFiles(folder.Folder, "*.hex").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)]
        : [];

    public async Task<T> WithCardAsync<T>(Func<ICardReader, Task<T>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await _turn.WaitAsync(cancellationToken);
        try
        {
            // Each operation is a visit of its own: a PC/SC connection kept from the last one may be to a card taken out since.
            (reader as ICardSession)?.EndSession();
            if (_cardFile is not null && reader is FolderCardReader folder && folder.Insert(_cardFile) is not null)
            {
                folder.Remove(); // the file is gone or spoiled: the page says there is no card rather than show the old one
                _cardFile = null;
            }

            return await operation(reader);
        }
        finally
        {
            _turn.Release();
        }
    }
}
