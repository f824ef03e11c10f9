using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Devices.LabChannel;
using PrepaidMeter.Hardware.MeterLink;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// A real reader and a real meter. The bench writes each card the scenario carries onto one physical card
/// in the counter's PC/SC reader; the operator takes it to the meter and back, and says what the meter
/// showed; the bench reads back what the meter wrote, and reads the meter's registers and relay over its
/// DL/T 645 link. Time is real: a consume step asks the operator to switch the load on and times it (so
/// only short ones can be played), power is switched by hand, and a power cut inside a card write cannot
/// be timed by hand at all — such steps fail as not possible here. A token is typed at the meter's keypad by the
/// operator, told the keys, who says what the display showed. What the link does not carry (credit state, open reasons,
/// the event ring, illegal-card count, a token meter's STS registers) is reported as not observable.
/// </summary>
public sealed partial class BenchTarget : ILabTarget
{
    /// <summary>Every result a person can read off a meter: a power cut inside the card is not done on a bench.</summary>
    private static readonly IReadOnlyList<MeterResult> Readable = [.. Enum.GetValues<MeterResult>().Where(r => r != MeterResult.PowerCut)];

    private readonly BenchOptions _options;
    private readonly IBenchOperator _operator;
    private readonly BenchMeterLink _link;
    private readonly Func<PcscCardReader> _counterReader;
    private readonly Dictionary<MeterNumber, BenchMeter> _meters = [];

    /// <summary>When the scenario's meters were fitted, in the scenario's time.</summary>
    private DateTimeOffset _start;

    /// <summary>How far past <see cref="_start"/> the bench's real time has caught up: time passes for every meter on the bench at once.</summary>
    private TimeSpan _elapsed;

    internal BenchTarget(BenchOptions options, IBenchOperator benchOperator, BenchMeterLink link, Func<PcscCardReader> counterReader)
    {
        _options = options;
        _operator = benchOperator;
        _link = link;
        _counterReader = counterReader;
    }

    /// <summary>None: the counter's in-memory reader tears its writes itself.</summary>
    public ICounterSlot? CounterSlot => null;

    public string Name => "bench";

    public MeterFacts Observes => MeterFacts.Relay | MeterFacts.Remaining | MeterFacts.CumulativeEnergy | MeterFacts.PurchaseCount;

    public TimeSpan LongestStep => _options.MaxRealTime;

    /// <summary>A bench on <paramref name="options"/>' serial port and PC/SC reader.</summary>
    /// <exception cref="LabTargetException">The serial port does not open, or the control password is not hex.</exception>
    public static BenchTarget Open(BenchOptions options, IBenchOperator benchOperator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(benchOperator);
        var authority = options.Authority() ?? throw new LabTargetException("the control password and the operator code are 8 hex digits each");
        if (SerialPortLine.TryOpen(options.SerialPort, options.Serial, out var line) is { } problem)
        {
            throw new LabTargetException($"the meter's serial port: {problem}");
        }

        var link = new BenchMeterLink(line!, new SerialMeterLink(line!, options.Link, options.Time), authority, options.Time);
        return new BenchTarget(options, benchOperator, link, () => new PcscCardReader(options.CounterReader));
    }

    /// <summary>Notes the meter; the operator is asked to fit it when the scenario first uses it (a stocked spare may never be).</summary>
    public Task InstallAsync(MeterModel model, MeterNumber number, SupplyGroupCode group, SupplyGroupKeys keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Scenarios.RunnableModels.WhyNotOnBench(model) is { } notOnBench)
        {
            throw new StepNotPossibleException(notOnBench);
        }

        if (_meters.Count == 0)
        {
            _start = now;
        }

        _meters[number] = new BenchMeter(model, number, group, keys, now);
        return Task.CompletedTask;
    }

    public async Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, PowerCut cut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var bench = await FittedAsync(meter, cancellationToken);
        if (!cut.IsNone)
        {
            throw new StepNotPossibleException($"a power cut {cut} inside the meter's card handling cannot be timed by hand; play this step on the virtual or stack target");
        }

        using var reader = _counterReader();
        reader.ExpectedMedium = card.Medium;
        await _operator.DoAsync(new PutCardInCounter(meter, _options.CounterReader), cancellationToken);
        var physical = await TakeCardAsync(reader, card.Medium, "in", cancellationToken);

        // The physical card keeps its own protected bytes; the scenario's card is the rest.
        var carried = Join(physical, card.Memory, card.Medium);
        var written = await CardImageIo.WriteChangedAsync(reader, physical, carried, bench.Keys.Psc, cancellationToken);
        if (!written.Success)
        {
            throw new LabTargetException($"the bench card in '{_options.CounterReader}' did not take the scenario's card ({written}); a card refusing the supply group's PSC is not tried again, so it does not lock");
        }

        await _operator.DoAsync(new CarryCardToMeter(meter, _options.CounterReader), cancellationToken);
        if (!await reader.WaitForRemovalAsync(_options.Patience, cancellationToken))
        {
            throw new LabTargetException($"the card stayed in '{_options.CounterReader}' for {Durations.Format(_options.Patience)}: it never went to meter {meter}");
        }

        var back = await TakeCardAsync(reader, card.Medium, "back in", cancellationToken);
        var result = await _operator.ReadResultAsync(meter, Readable, cancellationToken);
        var before = card.Memory.ToArray();
        var after = Join(before, back, card.Medium);
        await CardInHand.TakeBackAsync(card, before, after, card.Psc.ToArray(), cancellationToken);

        return new CardOutcome(result, Kind: null, "as the operator read the meter's display", CardWritten: !before.AsSpan().SequenceEqual(after));
    }

    /// <summary>The bench's card is a physical one: it cannot be told to leave at an APDU or answer a chosen status word.</summary>
    public Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, CardFaults faults, CancellationToken cancellationToken) =>
        Task.FromException<CardOutcome>(new StepNotPossibleException(
            $"the bench's card is a physical card: it cannot be made to misbehave on demand ({faults}); play this step on the virtual or stack target"));

    /// <summary>A bench's water meter draws what flows through its pipe: the lab cannot set a flow there.</summary>
    public Task<TimePassed> FlowAsync(MeterNumber meter, TimeSteps steps, FlowProfile flow, CancellationToken cancellationToken) =>
        Task.FromException<TimePassed>(new StepNotPossibleException($"the bench cannot draw a flow through meter {meter}'s pipe; play this step on the virtual or stack target"));

    /// <summary>Magnets, cases, batteries and a seized valve on a bench are the operator's hands, not the lab's.</summary>
    public Task<IReadOnlyList<MeterEvent>> ActAsync(MeterNumber meter, PartAct act, CancellationToken cancellationToken) =>
        Task.FromException<IReadOnlyList<MeterEvent>>(new StepNotPossibleException($"the bench cannot {act.Name()} at meter {meter}; play this step on the virtual or stack target"));

    /// <summary>Real time, piece by piece: each sample is a reading over the link after its piece.</summary>
    public async Task<TimePassed> AdvanceAsync(MeterNumber meter, TimeSteps steps, LoadProfile load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (steps.Duration > _options.MaxRealTime)
        {
            throw new StepNotPossibleException($"{Durations.Format(steps.Duration)} at meter {meter} is longer than the {Durations.Format(LongestStep)} this bench plays in real time");
        }

        var samples = new List<MeterSample>();
        var left = steps.Pieces;
        foreach (var piece in steps.Each())
        {
            await AdvancePieceAsync(meter, piece, load, cancellationToken);
            if (--left > 0 && steps.Sampled)
            {
                samples.Add(MeterSample.Of(await ReadAsync(meter, cancellationToken)));
            }
        }

        return new([], samples); // a bench meter does not tell its events as they happen; the step finds them in its event log after
    }

    private async Task AdvancePieceAsync(MeterNumber meter, TimeSpan duration, LoadProfile load, CancellationToken cancellationToken)
    {
        var bench = Meter(meter);
        var from = bench.Clock;
        bench.Clock += duration;
        if (bench.Last is null)
        {
            return; // not fitted yet: the fresh meter fitted later starts at the scenario's time then
        }

        var stretches = SegmentedLoad.Of(load, from, bench.Clock);
        var target = bench.Clock - _start;
        if (stretches.DrawsPower)
        {
            await _operator.DoAsync(new RunLoad(meter, stretches, duration), cancellationToken);
            await Task.Delay(duration, _options.Time, cancellationToken);
            await _operator.DoAsync(new LoadOff(meter), cancellationToken);
        }
        else if (target > _elapsed)
        {
            await Task.Delay(target - _elapsed, _options.Time, cancellationToken);
        }

        if (target > _elapsed)
        {
            _elapsed = target;
        }
    }

    public async Task CutPowerAsync(MeterNumber meter, CancellationToken cancellationToken)
    {
        var bench = await FittedAsync(meter, cancellationToken);
        await _operator.DoAsync(new SwitchSupply(meter, On: false), cancellationToken);
        bench.Powered = false;
    }

    public async Task RestorePowerAsync(MeterNumber meter, CancellationToken cancellationToken)
    {
        var bench = await FittedAsync(meter, cancellationToken);
        await _operator.DoAsync(new SwitchSupply(meter, On: true), cancellationToken);
        bench.Powered = true;
    }

    /// <summary>Over the link; a meter without supply does not answer, which is a refusal here as in the model.</summary>
    public async Task<bool> RemoteAsync(MeterNumber meter, RemoteCommand command, CancellationToken cancellationToken)
    {
        var bench = await FittedAsync(meter, cancellationToken);
        return bench.Powered && await _link.ControlAsync(bench, command, cancellationToken);
    }

    /// <summary>
    /// By the operator's hand: DL/T 645-2007 has no standard data identifier for entering a keypad token, so the bench tells
    /// the operator what to type at the meter's keypad, one entry (up to its enter) at a time, and asks what the display showed
    /// after it (<see cref="TokenDisplay"/>). The answer is the meter's code as read; the bench does not check it over the link.
    /// </summary>
    public async Task<IReadOnlyList<Meter.Tokens.TokenOutcome>> KeypadAsync(MeterNumber meter, string keys, CancellationToken cancellationToken)
    {
        var entries = TypeKeys.Entries(keys);
        var bench = await FittedAsync(meter, cancellationToken);
        if (!bench.Model.TakesTokens)
        {
            throw new StepNotPossibleException($"meter {meter} ({bench.Model.Id}) has no keypad");
        }

        var outcomes = new List<Meter.Tokens.TokenOutcome>();
        foreach (var entry in entries)
        {
            await _operator.DoAsync(new TypeKeys(meter, entry), cancellationToken);
            var read = await _operator.ReadDisplayAsync(meter, TokenDisplay.All, cancellationToken);
            outcomes.Add(read.Outcome());
        }

        return outcomes;
    }

    /// <summary>Over the link; a meter without supply does not answer, so it shows what it showed last.</summary>
    public async Task<MeterSnapshot> ReadAsync(MeterNumber meter, CancellationToken cancellationToken)
    {
        var bench = await FittedAsync(meter, cancellationToken);
        if (!bench.Powered)
        {
            return bench.Last! with { Powered = false, Clock = bench.Clock };
        }

        bench.Last = await _link.ReadAsync(bench, cancellationToken);
        return bench.Last;
    }

    public ValueTask DisposeAsync()
    {
        _link.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<byte[]> TakeCardAsync(PcscCardReader reader, CardMedium medium, string how, CancellationToken cancellationToken)
    {
        if (await reader.WaitForCardAsync(_options.Patience, cancellationToken) != CardPresence.Present)
        {
            throw new LabTargetException($"no card {how} '{_options.CounterReader}' after {Durations.Format(_options.Patience)}");
        }

        var (read, image) = await CardImageIo.ReadAsync(reader, medium.Capacity, cancellationToken);
        return read.Success ? image : throw new LabTargetException($"the card {how} '{_options.CounterReader}' could not be read: {read}");
    }

    /// <summary><paramref name="own"/>'s never-written bytes (an SLE4442's first 32, a CPU card's issuer files), else <paramref name="rest"/>'s.</summary>
    private static byte[] Join(ReadOnlySpan<byte> own, ReadOnlySpan<byte> rest, CardMedium medium)
    {
        var joined = rest.ToArray();
        for (var i = 0; i < joined.Length; i++)
        {
            joined[i] = medium.IsNeverWritten(i) ? own[i] : joined[i];
        }

        return joined;
    }

    /// <summary>The meter, fitted: the first time the scenario uses it the operator fits a fresh one and the link must find it.</summary>
    private async Task<BenchMeter> FittedAsync(MeterNumber number, CancellationToken cancellationToken)
    {
        var meter = Meter(number);
        if (meter.Last is not null)
        {
            return meter;
        }

        await _operator.DoAsync(new FitMeter(number, meter.Model, meter.Group, meter.Keys, meter.Clock), cancellationToken);
        var first = await _link.ReadAsync(meter, cancellationToken);
        if (first.PurchaseCount.Value != 0)
        {
            throw new LabTargetException($"meter {number} on the bench has loaded {first.PurchaseCount} purchases: the scenario needs a fresh meter (clear it first)");
        }

        meter.Last = first;
        return meter;
    }

    private BenchMeter Meter(MeterNumber number) =>
        _meters.TryGetValue(number, out var meter) ? meter : throw new InvalidOperationException($"Meter {number} is not installed.");
}
