using PrepaidMeter.Cards.Readers;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// The counter's one card reader. A card is one physical thing in one slot: two clerks' pages (or one clerk's two tabs) never
/// talk to it at once, so each card operation waits its turn here.
/// </summary>
public sealed class CounterDesk(ICardReader reader, string readerName) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    // A folder reader holds its card file as it was when put in; the file it was given is read again before every operation,
    // as a card taken to the meter and put back in a real reader would be.
    private readonly string? _cardFile = reader is FolderCardReader { InsertedPath: { } path } ? Path.GetFileName(path) : null;

    public string ReaderName { get; } = readerName;

    public void Dispose() => _turn.Dispose();

    public async Task<T> WithCardAsync<T>(Func<ICardReader, Task<T>> operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (_cardFile is not null && reader is FolderCardReader folder && folder.Insert(_cardFile) is not null)
            {
                folder.Remove(); // the file is gone or spoiled: the page says there is no card rather than show the old one
            }

            return await operation(reader);
        }
        finally
        {
            _turn.Release();
        }
    }
}
