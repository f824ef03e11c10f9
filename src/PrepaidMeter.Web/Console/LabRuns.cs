using System.Threading.Channels;
using PrepaidMeter.Lab.Certification;
using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Web.Console;

/// <summary>
/// The lab runs of this console, in memory (docs/web.md, "Lab"): each run is played in the background on its target, one at
/// a time in the order they were started — a run keeps a core busy, and the console shares two with the counter's clerks, so a
/// second run at once would only slow both and the counter. The last <see cref="Kept"/> runs are kept, waiting ones included;
/// the oldest finished run is dropped for a new one, and when all are still to play a new run is refused.
/// </summary>
public sealed class LabRuns : IAsyncDisposable
{
    public const int Kept = 20;

    private readonly TimeProvider _time;
    private readonly Func<ILabTarget> _newTarget;
    private readonly StackTargetOptions? _stack;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<LabRun> _runs = [];

    /// <summary>The runs to play, first in first out, read by the one worker: one at a time, in the order started.</summary>
    private readonly Channel<LabRun> _queue = Channel.CreateUnbounded<LabRun>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _worker;
    private int _lastId;

    /// <param name="time">The console's clock.</param>
    /// <param name="stack">The stack target's options when the console offers it; null: the virtual target only.</param>
    public LabRuns(TimeProvider time, StackTargetOptions? stack = null)
        : this(time, () => new VirtualTarget(), stack)
    {
    }

    internal LabRuns(TimeProvider time, Func<ILabTarget> newTarget, StackTargetOptions? stack = null)
    {
        _time = time;
        _newTarget = newTarget;
        _stack = stack;
        _worker = Task.Run(WorkAsync);
    }

    /// <summary>Whether runs may play on the stack target.</summary>
    public bool OffersStack => _stack is not null;

    /// <summary>The runs kept, newest first.</summary>
    public IReadOnlyList<LabRun> All
    {
        get
        {
            lock (_gate)
            {
                return [.. Enumerable.Reverse(_runs)];
            }
        }
    }

    public LabRun? Find(int id)
    {
        lock (_gate)
        {
            return _runs.FirstOrDefault(r => r.Id == id);
        }
    }

    /// <summary>Queues <paramref name="order"/> for <paramref name="by"/>; null and the reason when <see cref="Kept"/> runs are all still to finish.</summary>
    public (LabRun? Run, string? Refusal) Start(LabOrder order, string by)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Target == "stack" && _stack is null)
        {
            throw new InvalidOperationException("This console offers no stack target; the page refuses such an order first.");
        }

        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return (null, "the console is stopping; no run is started");
            }

            if (_runs.Count >= Kept && _runs.FindIndex(r => r.Progress.IsOver) is var oldest and >= 0)
            {
                _runs.RemoveAt(oldest);
            }

            if (_runs.Count >= Kept)
            {
                return (null, $"{Kept} runs are waiting or running, the most this console keeps; start this one when one of them has finished");
            }

            var run = new LabRun(++_lastId, order, by, _time.GetUtcNow());
            _runs.Add(run);
            // Unbounded, and written under the lock that bounds the runs kept: it always takes the run.
            _queue.Writer.TryWrite(run);
            return (run, null);
        }
    }

    private async Task WorkAsync()
    {
        await foreach (var run in _queue.Reader.ReadAllAsync())
        {
            if (_stopping.IsCancellationRequested)
            {
                run.Fail("the console stopped before this run began", _time.GetUtcNow());
                continue;
            }

            await PlayAsync(run);
        }
    }

    private async Task PlayAsync(LabRun run)
    {
        try
        {
            run.Begin(_time.GetUtcNow());
            // The stack's board (vpcd's two reader slots, the meter processes, the serial pairs) is the run's alone, as a CLI
            // command's: taken when it begins, given back when it ends.
            await using var board = run.Order.Target == "stack" ? StackBoard.Create(_stack!) : null;
            Func<ILabTarget> newTarget = board is null ? _newTarget : () => new StackTarget(board);
            LabOutcome outcome = run.Order switch
            {
                ScenarioOrder scenarios => new ScenarioOutcome(await ScenarioBatch.PlayAsync(
                    scenarios.Scenarios, newTarget, played: r => run.Add(LabItem.Of(run.Progress.Done.Count + 1, r)), cancellationToken: _stopping.Token)),
                CertificationOrder certification => new CertificationOutcome(await Certifier.RunAsync(
                    certification.Model, newTarget, _time, (clause, r) => run.Add(LabItem.Of(run.Progress.Done.Count + 1, clause, r)), _stopping.Token)),
                _ => throw new InvalidOperationException($"Not a lab order: {run.Order.GetType().Name}."),
            };
            run.Finish(outcome, _time.GetUtcNow());
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            run.Fail("the console stopped during this run; what was done before is shown", _time.GetUtcNow());
        }
        catch (LabTargetException e)
        {
            run.Fail($"the {run.Order.Target} target failed: {e.Message}", _time.GetUtcNow());
        }
#pragma warning disable CA1031 // A run is played for a page that is watching it: any fault ends the run with a sentence, never a stuck "running".
        catch (Exception e)
#pragma warning restore CA1031
        {
            run.Fail($"the run failed ({e.GetType().Name}: {e.Message}); this is a bug in PrepaidMeter", _time.GetUtcNow());
        }
    }

    /// <summary>
    /// Stops the run playing (it ends as failed, saying so) and ends those waiting, at once: the console is shutting down
    /// (its ApplicationStopping), so a run's page and stream see it end before the server waits for them.
    /// </summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (!_stopping.IsCancellationRequested)
            {
                _stopping.Cancel();
                _queue.Writer.TryComplete();
            }
        }
    }

    /// <summary>Stops (<see cref="Stop"/>), then waits for the worker.</summary>
    public async ValueTask DisposeAsync()
    {
        Stop();
        await _worker;
        _stopping.Dispose();
    }
}
