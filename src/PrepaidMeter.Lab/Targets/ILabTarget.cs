using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// Where a scenario's meters are: in process, behind the real PC/SC and serial stacks, or on a bench.
/// The runner plays the back office itself and meets the meters only through this seam — cards carried
/// to them, time passing under a load, power and remote commands, and their registers read back —
/// exactly as a back office meets real meters.
/// </summary>
public interface ILabTarget : IAsyncDisposable
{
    /// <summary>"virtual", "stack", "bench".</summary>
    string Name { get; }

    /// <summary>What this target can read of its meters; expectations about the rest are reported as not observable.</summary>
    MeterFacts Observes { get; }

    /// <summary>
    /// A reader the counter may borrow to have a card write cut short by the card itself (a pulled card, a power cut at a
    /// byte); null where the counter's in-memory reader tears the write (virtual, bench: the counter is not on the board).
    /// </summary>
    ICounterSlot? CounterSlot { get; }

    /// <summary>The longest stretch of time one step may let pass at the meters (a bench's time is real); a longer step is not played there.</summary>
    TimeSpan LongestStep { get; }

    /// <summary>
    /// Puts a new meter of <paramref name="model"/> on the board; its clock starts at <paramref name="now"/>. A token model's meter
    /// gets the lab's STS install (<see cref="Meter.Tokens.TokenInstall.ForLab"/>): its DRN from its number, its key from the lab's vending key.
    /// </summary>
    Task InstallAsync(MeterModel model, MeterNumber number, SupplyGroupCode group, SupplyGroupKeys keys, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Carries <paramref name="card"/> to the meter, inserts it, and brings it back with what the meter wrote; <paramref name="cut"/>
    /// cuts the meter's power at a step of its card handling (rule N2), down to a byte of its card write. A target that cannot
    /// time that cut throws <see cref="StepNotPossibleException"/>.
    /// </summary>
    Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, PowerCut cut, CancellationToken cancellationToken);

    /// <summary>
    /// Carries <paramref name="card"/> to the meter as <see cref="InsertCardAsync(MeterNumber, MemoryCard, PowerCut, CancellationToken)"/>
    /// does, the card misbehaving in the meter's reader as <paramref name="faults"/> say, its APDUs counted as the meter's reader
    /// sends them (docs/scenarios.md, "A card that misbehaves in the meter's reader"). A target whose card cannot misbehave on
    /// demand throws <see cref="StepNotPossibleException"/>.
    /// </summary>
    Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, CardFaults faults, CancellationToken cancellationToken);

    /// <summary>
    /// Lets <paramref name="steps"/> pass at the meter under <paramref name="load"/>, piece by piece: the events it logged meanwhile,
    /// and its readings between the pieces when the steps are sampled. A meter in another process takes the whole stretch in one
    /// exchange.
    /// </summary>
    Task<TimePassed> AdvanceAsync(MeterNumber meter, TimeSteps steps, LoadProfile load, CancellationToken cancellationToken);

    /// <summary>
    /// The water and gas twin of <see cref="AdvanceAsync"/>: lets <paramref name="steps"/> pass at a water or gas meter with
    /// <paramref name="flow"/> drawn through it (rules W1–W3, M1–M7). A target that cannot play it throws <see cref="StepNotPossibleException"/>.
    /// </summary>
    Task<TimePassed> FlowAsync(MeterNumber meter, TimeSteps steps, FlowProfile flow, CancellationToken cancellationToken);

    /// <summary>
    /// Does to a water or gas meter's parts what a person at it would (<see cref="PartAct"/>), at the meter's present: the
    /// events it logged. A target that cannot throws <see cref="StepNotPossibleException"/>.
    /// </summary>
    Task<IReadOnlyList<MeterEvent>> ActAsync(MeterNumber meter, PartAct act, CancellationToken cancellationToken);

    Task CutPowerAsync(MeterNumber meter, CancellationToken cancellationToken);

    Task RestorePowerAsync(MeterNumber meter, CancellationToken cancellationToken);

    /// <summary>A remote command over the meter's link; false when the meter refused it.</summary>
    Task<bool> RemoteAsync(MeterNumber meter, RemoteCommand command, CancellationToken cancellationToken);

    /// <summary>
    /// Types <paramref name="keys"/> at a token meter's keypad (rule TK2: digits, 'B' backspace, '#' enter): the meter's answer to each
    /// enter, in order. A target that cannot enter a token throws <see cref="StepNotPossibleException"/>.
    /// </summary>
    Task<IReadOnlyList<Meter.Tokens.TokenOutcome>> KeypadAsync(MeterNumber meter, string keys, CancellationToken cancellationToken);

    /// <summary>Everything the meter shows: registers, relay and why, the event ring.</summary>
    Task<MeterSnapshot> ReadAsync(MeterNumber meter, CancellationToken cancellationToken);
}
