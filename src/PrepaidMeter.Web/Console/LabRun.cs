namespace PrepaidMeter.Web.Console;

/// <summary>Where a lab run is: waiting for the one before it, running, or over (finished with its outcome, or failed with a sentence).</summary>
public enum LabRunState
{
    Waiting,
    Running,
    Finished,
    Failed,
}

/// <summary>
/// One lab run the console keeps in memory: what it plays and for whom, and what is done so far. The worker adds to it, any
/// number of pages and event streams read it; a reader waits for the next change with <see cref="NextChangeAsync"/>.
/// </summary>
public sealed class LabRun
{
    private readonly Lock _gate = new();
    private readonly List<LabItem> _done = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LabProgress _now;
    private string? _report;

    internal LabRun(int id, LabOrder order, string by, DateTimeOffset queued)
    {
        Id = id;
        Order = order;
        By = by;
        Queued = queued;
        _now = new LabProgress(LabRunState.Waiting, [], null, null, null, null);
    }

    public int Id { get; }

    public LabOrder Order { get; }

    /// <summary>The operator who started it.</summary>
    public string By { get; }

    public DateTimeOffset Queued { get; }

    /// <summary>A consistent picture of the run now (its list of results is a copy).</summary>
    public LabProgress Progress
    {
        get
        {
            lock (_gate)
            {
                return _now;
            }
        }
    }

    /// <summary>Completes when the run has changed from <paramref name="seen"/> (at once if it already has).</summary>
    public Task NextChangeAsync(LabProgress seen, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _now.Done.Count != seen.Done.Count || _now.State != seen.State ? Task.CompletedTask : _changed.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The report page, drawn once (its charts take a while) and kept with the run; null before the run finished.</summary>
    public string? Report()
    {
        var now = Progress;
        if (now.Outcome is not { } outcome || now.Ended is not { } ended)
        {
            return null;
        }

        lock (_gate)
        {
            if (_report is not null)
            {
                return _report;
            }
        }

        var page = outcome.Html(Id, ended);
        lock (_gate)
        {
            return _report ??= page;
        }
    }

    internal void Begin(DateTimeOffset at) => Change(now => now with { State = LabRunState.Running, Began = at });

    internal void Add(LabItem item) => Change(now =>
    {
        _done.Add(item);
        return now with { Done = [.. _done] };
    });

    internal void Finish(LabOutcome outcome, DateTimeOffset at) => Change(now => now with { State = LabRunState.Finished, Outcome = outcome, Ended = at });

    internal void Fail(string fault, DateTimeOffset at) => Change(now => now with { State = LabRunState.Failed, Fault = fault, Ended = at });

    private void Change(Func<LabProgress, LabProgress> change)
    {
        lock (_gate)
        {
            _now = change(_now);
            var changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }
}

/// <summary>A lab run at one moment: its state, what is done, and how it ended.</summary>
/// <param name="Fault">Why a failed run stopped, as a sentence for the page.</param>
public readonly record struct LabProgress(LabRunState State, IReadOnlyList<LabItem> Done, LabOutcome? Outcome, string? Fault, DateTimeOffset? Began, DateTimeOffset? Ended)
{
    public bool IsOver => State is LabRunState.Finished or LabRunState.Failed;

    public bool Passed => Outcome?.Passed == true;
}
