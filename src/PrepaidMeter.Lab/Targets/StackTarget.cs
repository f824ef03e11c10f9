using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Devices.LabChannel;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Targets;

/// <summary>How the stack target starts `prepaid` (its own executable, or `dotnet prepaid.dll`), and how long it waits.</summary>
public sealed record StackTargetOptions(IReadOnlyList<string> Prepaid)
{
    /// <summary>The longest any one exchange with pcscd or a meter device may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Each meter is its own process — `prepaid meter run --reader pcsc:"Virtual PCD 00 0N" --serial PTY --lab` —
/// behind the real stacks: a card goes to it as the project's virtual card in a vpcd reader slot, through
/// pcscd and libpcsclite, and comes back with what the meter wrote; remote commands go over DL/T 645 on a
/// socat pseudo-terminal pair; the lab moves the meter's clock and power, and types at a token meter's keypad, over the
/// device's stdin (the lab channel). The first
/// meter installed takes slot 1, the second slot 0 (vpcd has two); the board holds both slots and keeps the
/// device processes from one scenario to the next. The back office stays in the runner's process with its
/// own reader.
/// </summary>
public sealed partial class StackTarget : ILabTarget
{
    private static readonly byte[] ControlAuthority = [.. Convert.FromHexString("02000000"), 0, 0, 0, 0];

    private readonly StackBoard _board;
    private readonly bool _ownsBoard;
    private readonly Dictionary<MeterNumber, StackMeter> _meters = [];

    // Meters stocked but not yet touched: their device starts (or is loaded) at first use, so a slot stays free for the
    // counter's card while the scenario has not reached its second meter (a stocked meter's clock stands still meanwhile).
    private readonly Dictionary<MeterNumber, (int Slot, string Nvram, DateTimeOffset Clock, Utility Utility)> _stocked = [];

    // Each meter's model: keys for a meter without a keypad are refused here as in process, before any device is asked.
    private readonly Dictionary<MeterNumber, MeterModel> _models = [];

    /// <summary>A scenario's meters on <paramref name="board"/>, which outlives it (a run of many scenarios shares one).</summary>
    public StackTarget(StackBoard board)
        : this(board, ownsBoard: false)
    {
    }

    private StackTarget(StackBoard board, bool ownsBoard)
    {
        ArgumentNullException.ThrowIfNull(board);
        _board = board;
        _ownsBoard = ownsBoard;
    }

    /// <summary>The vpcd slot no meter uses: a card write cut short at the counter is cut by the virtual card's faults.</summary>
    public ICounterSlot? CounterSlot => new StackCounterSlot(_board);

    public string Name => "stack";

    /// <summary>Everything the reference model holds: the lab channel's snapshot carries every register, a token meter's STS registers too.</summary>
    public MeterFacts Observes => MeterFacts.All;

    public TimeSpan LongestStep => TimeSpan.MaxValue;

    private StackTargetOptions Options => _board.Options;

    /// <summary>A target with a board of its own, given back when the target is disposed.</summary>
    public static StackTarget Create(StackTargetOptions options) => new(StackBoard.Create(options), ownsBoard: true);

    public async Task InstallAsync(MeterModel model, MeterNumber number, SupplyGroupCode group, SupplyGroupKeys keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_meters.Count + _stocked.Count >= 2)
        {
            throw new LabTargetException("the stack target has two reader slots (vpcd's): a scenario on it may stock at most two meters");
        }

        var slot = _meters.Count + _stocked.Count == 0 ? 1 : 0;
        var nvram = Path.Combine(_board.Folder, $"{Guid.NewGuid():N}-{number}.nvram");
        await File.WriteAllBytesAsync(nvram, VirtualMeter.Create(model, number, group, keys, new FixedTime(now),
            model.Token is { } rule ? Meter.Tokens.TokenInstall.ForLab(rule, number) : null).SaveNvram(), cancellationToken);
        _stocked[number] = (slot, nvram, now, model.Utility);
        _models[number] = model;
    }

    /// <summary>
    /// The keys go over the device's lab channel (<see cref="LabCommand.Keypad"/>), which stands for a person's finger on the
    /// meter: DL/T 645-2007 has no standard data identifier for a keypad token, and the device's DL/T 645 slave refuses writes.
    /// The device types them on its meter's keypad as the virtual target does, saves its NVRAM and answers each enter.
    /// </summary>
    public async Task<IReadOnlyList<Meter.Tokens.TokenOutcome>> KeypadAsync(MeterNumber meter, string keys, CancellationToken cancellationToken)
    {
        var device = await MeterAsync(meter, cancellationToken);
        if (!_models[meter].TakesTokens)
        {
            throw new StepNotPossibleException($"meter {meter} ({_models[meter].Id}) has no keypad");
        }

        return await device.AskAsync(process => process.KeypadAsync(keys, cancellationToken));
    }

    public Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, PowerCut cut, CancellationToken cancellationToken) =>
        InsertAsync(meter, card, cut, CardFaults.None, cancellationToken);

    /// <summary>The card behind vpcd plays the faults itself: the meter device's reader meets them through pcscd.</summary>
    public Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, CardFaults faults, CancellationToken cancellationToken) =>
        InsertAsync(meter, card, PowerCut.None, faults, cancellationToken);

    private async Task<CardOutcome> InsertAsync(MeterNumber meter, MemoryCard card, PowerCut cut, CardFaults faults, CancellationToken cancellationToken)
    {
        var device = await MeterAsync(meter, cancellationToken);
        if (!cut.IsNone)
        {
            await device.AskAsync(process => process.CutNextAsync(cut, cancellationToken));
        }

        CardOutcome outcome;
        var virtualCard = await VirtualCard.InsertAsync(device.Slot, card, faults, cancellationToken);
        try
        {
            outcome = await device.AskAsync(process => process.NextCardAsync(cancellationToken));
        }
        finally
        {
            await virtualCard.DisposeAsync();
        }

        // Out of the reader, and seen out by pcscd, before anything else goes in (vpcd is polled).
        using var reader = new PcscCardReader(VirtualCard.ReaderName(device.Slot));
        if (!await reader.WaitForRemovalAsync(Options.Timeout, cancellationToken))
        {
            throw new LabTargetException($"pcscd still sees a card in '{reader.Name}' {Options.Timeout.TotalSeconds:0} s after it left");
        }

        return outcome;
    }

    public Task<TimePassed> AdvanceAsync(MeterNumber meter, TimeSteps steps, LoadProfile load, CancellationToken cancellationToken) =>
        PassTimeAsync(meter, steps, (from, to) => new LabCommand.Advance(steps, SegmentedLoad.Of(load, from, to)), cancellationToken);

    /// <summary>The flow goes to the device as its stretches, as a load does.</summary>
    public Task<TimePassed> FlowAsync(MeterNumber meter, TimeSteps steps, FlowProfile flow, CancellationToken cancellationToken) =>
        PassTimeAsync(meter, steps, (from, to) => new LabCommand.Flow(steps, SegmentedFlow.Of(flow, from, to)), cancellationToken);

    public async Task<IReadOnlyList<MeterEvent>> ActAsync(MeterNumber meter, PartAct act, CancellationToken cancellationToken) =>
        await (await MeterAsync(meter, cancellationToken)).AskAsync(process => process.DoAsync(act, cancellationToken));

    public async Task CutPowerAsync(MeterNumber meter, CancellationToken cancellationToken) =>
        await (await MeterAsync(meter, cancellationToken)).AskAsync(process => process.PowerAsync(false, cancellationToken));

    public async Task RestorePowerAsync(MeterNumber meter, CancellationToken cancellationToken) =>
        await (await MeterAsync(meter, cancellationToken)).AskAsync(process => process.PowerAsync(true, cancellationToken));

    public async Task<bool> RemoteAsync(MeterNumber meter, RemoteCommand command, CancellationToken cancellationToken)
    {
        var device = await MeterAsync(meter, cancellationToken);
        if (device.Utility == Utility.Electricity)
        {
            return await RemoteCommandSender.SendAsync(device.Link, meter, command, ControlAuthority, device.Clock.AddHours(1), $" on {device.Pair.MasterEnd}", cancellationToken);
        }

        // CJ/T 188 has valve control, nothing else; the meter runs its clock while the valve travels, so the lab reads it back.
        var done = await RemoteCommandSender.SendAsync(device.Cjt188, meter, device.Utility, command, $" on {device.Pair.MasterEnd}", cancellationToken);
        device.Clock = (await device.AskAsync(process => process.ShowAsync(cancellationToken))).Clock;
        return done;
    }

    public async Task<MeterSnapshot> ReadAsync(MeterNumber meter, CancellationToken cancellationToken) =>
        await (await MeterAsync(meter, cancellationToken)).AskAsync(process => process.ShowAsync(cancellationToken));

    public async ValueTask DisposeAsync()
    {
        _meters.Clear();
        _stocked.Clear();
        _models.Clear();
        if (_ownsBoard)
        {
            await _board.DisposeAsync();
        }
    }

    /// <summary>The whole stretch from the meter's clock in one exchange (the command made for that window); the clock then at its end.</summary>
    private async Task<TimePassed> PassTimeAsync(MeterNumber meter, TimeSteps steps, Func<DateTimeOffset, DateTimeOffset, LabCommand> command, CancellationToken cancellationToken)
    {
        var device = await MeterAsync(meter, cancellationToken);
        var end = device.Clock + steps.Duration;
        var line = command(device.Clock, end);
        var passed = await device.AskAsync(process => process.PassTimeAsync(line, cancellationToken));
        device.Clock = end;
        return passed;
    }

    private async Task<StackMeter> MeterAsync(MeterNumber number, CancellationToken cancellationToken)
    {
        if (_meters.TryGetValue(number, out var meter))
        {
            return meter;
        }

        if (!_stocked.Remove(number, out var stocked))
        {
            throw new InvalidOperationException($"Meter {number} is not installed.");
        }

        return _meters[number] = await _board.MeterAsync(stocked.Slot, stocked.Nvram, stocked.Clock, stocked.Utility, cancellationToken);
    }
}
