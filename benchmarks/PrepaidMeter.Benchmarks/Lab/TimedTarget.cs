using System.Diagnostics;
using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Benchmarks.Lab;

/// <summary>Where a certification's time goes: wall time by kind of call (a target's calls, or any step timed with it), summed over every clause and run.</summary>
public sealed class TargetTally
{
    private readonly Dictionary<string, (int Calls, TimeSpan Time)> _calls = new(StringComparer.Ordinal);

    /// <summary>Cards carried to meters.</summary>
    public int Cards => _calls.TryGetValue(nameof(ILabTarget.InsertCardAsync), out var insert) ? insert.Calls : 0;

    internal async Task<T> TimeAsync<T>(string call, Func<Task<T>> body)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await body();
        }
        finally
        {
            var (calls, time) = _calls.GetValueOrDefault(call);
            _calls[call] = (calls + 1, time + Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>One line a kind of call: calls and time per run of <paramref name="runs"/>, and the mean call.</summary>
    public IEnumerable<string> Lines(int runs) => _calls
        .OrderByDescending(c => c.Value.Time)
        .Select(c => $"{c.Key}: {c.Value.Time.TotalSeconds / runs:0.00} s a run, {c.Value.Calls / (double)runs:0.#} calls a run of {c.Value.Time.TotalMilliseconds / c.Value.Calls:0.0} ms");
}

/// <summary>A target whose every call is timed into a <see cref="TargetTally"/>; one per clause, as the certifier makes them.</summary>
public sealed class TimedTarget(ILabTarget inner, TargetTally tally) : ILabTarget
{
    public string Name => inner.Name;

    public MeterFacts Observes => inner.Observes;

    public TimeSpan LongestStep => inner.LongestStep;

    public ICounterSlot? CounterSlot => inner.CounterSlot;

    public Task InstallAsync(MeterModel model, MeterNumber number, SupplyGroupCode group, SupplyGroupKeys keys, DateTimeOffset now, CancellationToken cancellationToken) =>
        tally.TimeAsync(nameof(InstallAsync), async () =>
        {
            await inner.InstallAsync(model, number, group, keys, now, cancellationToken);
            return 0;
        });

    public Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, PowerCut cut, CancellationToken cancellationToken) =>
        tally.TimeAsync(nameof(InsertCardAsync), () => inner.InsertCardAsync(meter, card, cut, cancellationToken));

    public Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, CardFaults faults, CancellationToken cancellationToken) =>
        tally.TimeAsync(nameof(InsertCardAsync), () => inner.InsertCardAsync(meter, card, faults, cancellationToken));

    public Task<TimePassed> AdvanceAsync(MeterNumber meter, TimeSteps steps, LoadProfile load, CancellationToken cancellationToken) =>
        tally.TimeAsync(nameof(AdvanceAsync), () => inner.AdvanceAsync(meter, steps, load, cancellationToken));

    public Task<TimePassed> FlowAsync(MeterNumber meter, TimeSteps steps, FlowProfile flow, CancellationToken cancellationToken) =>
        tally.TimeAsync(nameof(FlowAsync), () => inner.FlowAsync(meter, steps, flow, cancellationToken));

    public Task<IReadOnlyList<MeterEvent>> ActAsync(MeterNumber meter, PartAct act, CancellationToken cancellationToken) =>
        tally.TimeAsync(nameof(ActAsync), () => inner.ActAsync(meter, act, cancellationToken));

    public Task CutPowerAsync(MeterNumber meter, CancellationToken cancellationToken) =>
        tally.TimeAsync(nameof(CutPowerAsync), async () =>
        {
            await inner.CutPowerAsync(meter, cancellationToken);
            return 0;
        });

    public Task RestorePowerAsync(MeterNumber meter, CancellationToken cancellationToken) =>
        tally.TimeAsync(nameof(RestorePowerAsync), async () =>
        {
            await inner.RestorePowerAsync(meter, cancellationToken);
            return 0;
        });

    public Task<bool> RemoteAsync(MeterNumber meter, RemoteCommand command, CancellationToken cancellationToken) =>
        tally.TimeAsync(nameof(RemoteAsync), () => inner.RemoteAsync(meter, command, cancellationToken));

    public Task<MeterSnapshot> ReadAsync(MeterNumber meter, CancellationToken cancellationToken) =>
        tally.TimeAsync(nameof(ReadAsync), () => inner.ReadAsync(meter, cancellationToken));

    public Task<IReadOnlyList<PrepaidMeter.Meter.Tokens.TokenOutcome>> KeypadAsync(MeterNumber meter, string keys, CancellationToken cancellationToken) =>
        tally.TimeAsync(nameof(KeypadAsync), () => inner.KeypadAsync(meter, keys, cancellationToken));

    public async ValueTask DisposeAsync() => await tally.TimeAsync(nameof(DisposeAsync), async () =>
    {
        await inner.DisposeAsync();
        return 0;
    });
}
