namespace PrepaidMeter.Web.Meters;

/// <summary>
/// Wakes a waiter when one file changes: a FileSystemWatcher on its folder (the meter's save is a write to FILE.tmp and a
/// rename onto FILE, so a rename counts as much as a write). A watcher can miss events or not start at all (a network file
/// system, inotify's limits), so every wait also ends after a bounded interval and the caller looks at the file anyway.
/// </summary>
internal sealed class FileChanges : IDisposable
{
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly FileSystemWatcher? _watcher;
    private readonly string _name;

    public FileChanges(string path)
    {
        _name = Path.GetFileName(path);
        try
        {
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += OnChange;
            _watcher.Created += OnChange;
            _watcher.Deleted += OnChange;
            _watcher.Renamed += OnChange;
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // The bounded wait alone then follows the file.
            _watcher?.Dispose();
            _watcher = null;
        }
    }

    /// <summary>Whether a watcher is on the file (else only the interval of <see cref="WaitAsync"/> follows it).</summary>
    public bool Watching => _watcher is not null;

    /// <summary>Until the file changes or <paramref name="atMost"/> has passed; true when it changed.</summary>
    public Task<bool> WaitAsync(TimeSpan atMost, CancellationToken cancellationToken) => _changed.WaitAsync(atMost, cancellationToken);

    public void Dispose()
    {
        _watcher?.Dispose();
        _changed.Dispose();
    }

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        var ours = string.Equals(e.Name, _name, StringComparison.Ordinal)
            || (e is RenamedEventArgs renamed && string.Equals(renamed.OldName, _name, StringComparison.Ordinal));
        if (!ours)
        {
            return;
        }

        try
        {
            // One pending wake-up is enough: the reader reads the file as it is then, however many writes came before.
            if (_changed.CurrentCount == 0)
            {
                _changed.Release();
            }
        }
        catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
        {
            // Already signalled, or the stream ended meanwhile.
        }
    }
}
