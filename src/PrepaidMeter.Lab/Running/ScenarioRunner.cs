using System.Diagnostics;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Lab.Running;

/// <summary>
/// Plays a scenario: the back office at the counter (a temporary SQLite file, an in-memory reader),
/// the meters on a target, and a customer carrying cards between them. After every step the
/// expectations are checked and the account's meter is sampled for the charts. A step the scenario
/// cannot do as written (no card in hand, an unexpected refusal) fails that step, and the run goes on,
/// so one report shows every difference.
/// </summary>
public sealed partial class ScenarioRunner : IDisposable
{
    private readonly Scenario _scenario;
    private readonly ILabTarget _target;
    private readonly LabSite _site;
    private readonly Dictionary<string, byte[]> _images = new(StringComparer.Ordinal);
    private readonly List<TimelinePoint> _timeline = [];

    /// <summary>The user card the customer carries; null when there is none yet or it was lost.</summary>
    private MemoryCard? _hand;
    private long? _account;

    /// <summary>The meter the account is on (the first in stock until an account is opened).</summary>
    private MeterNumber _meter;

    private Func<LabProbe, Task>? _afterStep;

    private ScenarioRunner(Scenario scenario, ILabTarget target, LabSite site)
    {
        _scenario = scenario;
        _target = target;
        _site = site;
        _meter = scenario.Site.Meters[0];
    }

    /// <summary>Plays <paramref name="scenario"/> on <paramref name="target"/> (which must have no meters yet).</summary>
    public static Task<ScenarioResult> RunAsync(Scenario scenario, ILabTarget target, CancellationToken cancellationToken = default) =>
        RunAsync(scenario, target, afterStep: null, cancellationToken);

    /// <summary>The same, calling <paramref name="afterStep"/> after every step: the system-wide property tests check the invariants there.</summary>
    internal static async Task<ScenarioResult> RunAsync(Scenario scenario, ILabTarget target, Func<LabProbe, Task>? afterStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(target);
        var clock = Stopwatch.StartNew();
        var (site, problem) = LabSite.Create(scenario, target.CounterSlot);
        if (site is null)
        {
            return new ScenarioResult { Scenario = scenario, Target = target.Name, Steps = [], Timeline = [], WallTime = clock.Elapsed, Problem = problem };
        }

        using var runner = new ScenarioRunner(scenario, target, site) { _afterStep = afterStep };
        try
        {
            await runner.InstallStockAsync(cancellationToken);
        }
        catch (StepNotPossibleException e)
        {
            // A target that cannot hold a meter of the model at all (a water meter on a DL/T 645 bench) plays no step.
            return new ScenarioResult
            {
                Scenario = scenario, Target = target.Name, Steps = [], Timeline = [], WallTime = clock.Elapsed, Problem = $"not possible on the {target.Name} target: {e.Message}",
            };
        }

        var steps = await runner.PlayAsync(cancellationToken);
        return new ScenarioResult { Scenario = scenario, Target = target.Name, Steps = steps, Timeline = runner._timeline, WallTime = clock.Elapsed };
    }

    public void Dispose() => _site.Dispose();

    private async Task InstallStockAsync(CancellationToken cancellationToken)
    {
        foreach (var meter in _scenario.Site.Meters)
        {
            await _target.InstallAsync(_site.Model, meter, _site.Group, _site.Keys, _site.Time.GetUtcNow(), cancellationToken);
        }
    }

    private async Task<List<StepResult>> PlayAsync(CancellationToken cancellationToken)
    {
        var first = await _target.ReadAsync(_meter, cancellationToken);
        Sample(first);
        var results = new List<StepResult>();
        foreach (var step in _scenario.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // The meter the step acts on: the one it names, else the account's (before a meter change, the old one).
            var watched = step.Meter is { } named && step.Kind != StepKind.ChangeMeter ? named : _meter;
            var before = await _target.ReadAsync(watched, cancellationToken);
            var cardBefore = _hand?.Memory.ToArray();
            StepOutcome outcome;
            try
            {
                outcome = await DoAsync(step, before, cancellationToken);
            }
            catch (StepNotPossibleException e)
            {
                outcome = StepOutcome.Cannot($"not possible on the {_target.Name} target: {e.Message}");
            }

            var after = await _target.ReadAsync(_meter, cancellationToken);
            Sample(after);
            var watchedAfter = watched == _meter ? after : await _target.ReadAsync(watched, cancellationToken);
            var events = outcome.Events ?? NewEvents(before.Events, watchedAfter.Events);

            // A readMeter step's checks read the meter it read (a replaced one too); every other step's, the account's.
            var judged = step.Kind == StepKind.ReadMeter ? watchedAfter : after;
            var result = WithEvidence(Judge(step, outcome, judged, events, before.MeterNumber == judged.MeterNumber ? before.Remaining.Hundredths : null),
                outcome, cardBefore, judged, watched == _meter || step.Kind == StepKind.ReadMeter ? null : watchedAfter, events);
            results.Add(result);
            if (_afterStep is { } probe)
            {
                await probe(new LabProbe(result, outcome.Refusal?.Reason, cardBefore, _hand?.Memory.ToArray(), _account, _meter, _site, _target));
            }
        }

        return results;
    }

    /// <param name="before">The meter the step acts on, as it was before (consumption reports what it used).</param>
    private Task<StepOutcome> DoAsync(ScenarioStep step, MeterSnapshot before, CancellationToken cancellationToken) => step.Kind switch
    {
        StepKind.OpenAccount => OpenAccountAsync(step, cancellationToken),
        StepKind.Sell => SellAsync(step, cancellationToken),
        StepKind.Correct => CorrectAsync(step, cancellationToken),
        StepKind.Cancel => CancelAsync(step, cancellationToken),
        StepKind.ChargeArrears => Task.FromResult(ChargeArrears(step)),
        StepKind.TakeReading => TakeReadingAsync(cancellationToken),
        StepKind.Reissue => ReissueAsync(step, cancellationToken),
        StepKind.ToolCard => ToolCardAsync(step, cancellationToken),
        StepKind.ChangeMeter => ChangeMeterAsync(step, cancellationToken),
        StepKind.Swipe => SwipeAsync(step, cancellationToken),
        StepKind.KeepImage => Task.FromResult(KeepImage(step)),
        StepKind.Replay => ReplayAsync(step, cancellationToken),
        StepKind.LoseCard => Task.FromResult(LoseCard()),
        StepKind.ForeignCard => ForeignCardAsync(step, cancellationToken),
        StepKind.TamperCard => Task.FromResult(TamperCard(step)),
        StepKind.ForgeCard => Task.FromResult(ForgeCard(step)),
        StepKind.BlankCard => BlankCardAsync(step, cancellationToken),
        StepKind.OverLimitCard => OverLimitCardAsync(step, cancellationToken),
        StepKind.Consume => ConsumeAsync(step.Duration!.Value, step.Load!, step.LoadText!, before, cancellationToken),
        StepKind.Advance => MeasuresFlow
            ? PassTimeAsync(step.Duration!.Value, Meter.Flow.FlowProfile.None, "no flow", before, cancellationToken)
            : ConsumeAsync(step.Duration!.Value, Meter.Load.LoadProfile.Constant(0), "nothing switched on", before, cancellationToken),
        StepKind.Flow => FlowAsync(step, before, cancellationToken),
        _ when StepKinds.PartAct(step.Kind) is { } act => ActAsync(act, cancellationToken),
        StepKind.CutPower => PowerAsync(cut: true, cancellationToken),
        StepKind.RestorePower => PowerAsync(cut: false, cancellationToken),
        StepKind.Remote => RemoteAsync(step.Command!.Value, cancellationToken),
        StepKind.Recover => RecoverAsync(cancellationToken),
        StepKind.ReadMeter => ReadMeterAsync(step, cancellationToken),
        StepKind.MakeToken => MakeTokenAsync(step),
        StepKind.SellToken => SellTokenAsync(step, cancellationToken),
        StepKind.EnterToken => EnterTokenAsync(step, cancellationToken),
        StepKind.KeyChange => KeyChangeAsync(step, cancellationToken),
        _ => throw new InvalidOperationException($"Step kind {step.Kind} has no player."),
    };

    private void Sample(MeterSnapshot meter) => Sample(MeterSample.Of(meter));

    private void Sample(MeterSample meter) =>
        _timeline.Add(new TimelinePoint(meter.Clock, meter.Remaining.Hundredths, meter.Relay, meter.CreditState));

    /// <summary>The events in <paramref name="after"/>'s ring that <paramref name="before"/>'s did not hold yet.</summary>
    private static IReadOnlyList<MeterEvent> NewEvents(IReadOnlyList<MeterEvent> before, IReadOnlyList<MeterEvent> after)
    {
        if (before.Count == 0)
        {
            return after;
        }

        for (var i = after.Count - 1; i >= 0; i--)
        {
            if (after[i].Equals(before[^1]))
            {
                return [.. after.Skip(i + 1)];
            }
        }

        return after;
    }

    /// <summary>What a step did, before it is judged.</summary>
    /// <param name="Images">The card the step is about, before and after (the user card in hand when none is given and the step acts on it).</param>
    /// <param name="MoreImages">The other cards the step wrote or carried (a meter change's set card and user card).</param>
    private sealed record StepOutcome(
        string Summary, Refusal? Refusal = null, CardOutcome? Card = null, IReadOnlyList<MeterEvent>? Events = null, string? Problem = null, CardImages? Images = null,
        IReadOnlyList<CardImages>? MoreImages = null, IReadOnlyList<Meter.Tokens.TokenOutcome>? Tokens = null)
    {
        public static StepOutcome Refused(string doing, Refusal refusal) => new($"{doing}: refused ({refusal.Reason}): {refusal.Message}", refusal);

        public static StepOutcome Cannot(string problem) => new(problem, Problem: problem);
    }
}
