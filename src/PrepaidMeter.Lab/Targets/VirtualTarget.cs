using PrepaidMeter.Cards.Integrity;
using PrepaidMeter.Cards.Readers;
using PrepaidMeter.Core;
using PrepaidMeter.Devices.Link;
using PrepaidMeter.Hardware.Pcsc;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.Flow;
using PrepaidMeter.Meter.Load;
using PrepaidMeter.Meter.Models;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Tokens;

namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// Everything in process: virtual meters, and cards carried to them as byte images. A card comes back
/// through an in-memory reader writing only the bytes the meter changed, so a write torn by a power cut
/// reaches the card exactly as torn as the meter left it.
/// </summary>
public sealed partial class VirtualTarget : ILabTarget
{
    private readonly Dictionary<MeterNumber, VirtualMeter> _meters = [];

    /// <summary>None: the counter's in-memory reader tears its writes itself.</summary>
    public ICounterSlot? CounterSlot => null;

    public string Name => "virtual";

    public MeterFacts Observes => MeterFacts.All;

    public TimeSpan LongestStep => TimeSpan.MaxValue;

    public Task InstallAsync(MeterModel model, MeterNumber number, SupplyGroupCode group, SupplyGroupKeys keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_meters.ContainsKey(number))
        {
            throw new InvalidOperationException($"Meter {number} is already installed.");
        }

        _meters[number] = VirtualMeter.Create(model, number, group, keys, new FixedTime(now), model.Token is { } rule ? TokenInstall.ForLab(rule, number) : null);
        return Task.CompletedTask;
    }

    public async Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, PowerCut cut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (!Meter(meter).Model.TakesCards)
        {
            // A keypad-only meter has no reader: it answers without reading the card (rule TK16), and the card comes back as it went.
            return Meter(meter).InsertCard(card.Memory.ToArray(), cut);
        }

        // The meter reads the image of its layout where the layout's medium places it on the card.
        var layout = Meter(meter).Model.LayoutForCard(card.Memory);
        var before = layout.ImageOn(card.Memory).ToArray();
        var image = (byte[])before.Clone();
        var outcome = Meter(meter).InsertCard(image, cut);
        await CardInHand.TakeBackAsync(card, before, image, Meter(meter).CardPsc, cancellationToken, layout.MediumOffset);
        return outcome;
    }

    /// <summary>
    /// The card in an in-process reader that sends the APDUs the meter device's PC/SC reader sends (<see cref="MediumCardReader"/>),
    /// through the same fault plan the card behind vpcd plays; the meter handles it as the device does: the whole card read,
    /// its rules, the changed bytes written back — so a fault lands where it lands on the stack target.
    /// </summary>
    public async Task<CardOutcome> InsertCardAsync(MeterNumber meter, MemoryCard card, CardFaults faults, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var device = Meter(meter);
        var medium = VirtualCard.MediumOf(card);
        var reader = new MediumCardReader(medium, faults);
        reader.ExpectMedia([device.Model.Layouts[0].Medium]);
        try
        {
            var (read, memory) = await CardImageIo.ReadAsync(reader, device.Model.CardBytes, cancellationToken);
            if (!read.Success)
            {
                return CardOutcome.Unreadable(read.ToString());
            }

            var layout = device.Model.LayoutForCard(memory);
            var image = layout.ImageOn(memory).ToArray();
            if (image.Length == 0)
            {
                image = memory;
            }

            var before = image.ToArray();
            var outcome = device.InsertCard(image, PowerCut.None);
            if (outcome.CardWritten)
            {
                // A write the fault breaks off is the device's "return-write failed": the meter committed before it wrote.
                await CardImageIo.WriteChangedAsync(reader, before, image, device.CardPsc, cancellationToken, cardOffset: image == memory ? 0 : layout.MediumOffset);
            }

            return outcome;
        }
        finally
        {
            medium.EndSession(); // out of the reader, as the card behind vpcd when it is disposed
        }
    }

    public Task<TimePassed> AdvanceAsync(MeterNumber meter, TimeSteps steps, LoadProfile load, CancellationToken cancellationToken) =>
        Task.FromResult(Meter(meter).Advance(steps, load));

    public Task<TimePassed> FlowAsync(MeterNumber meter, TimeSteps steps, FlowProfile flow, CancellationToken cancellationToken) =>
        Task.FromResult(Meter(meter).Advance(steps, flow));

    public Task<IReadOnlyList<MeterEvent>> ActAsync(MeterNumber meter, PartAct act, CancellationToken cancellationToken) =>
        Task.FromResult(Meter(meter).Do(act));

    public Task CutPowerAsync(MeterNumber meter, CancellationToken cancellationToken)
    {
        Meter(meter).CutPower();
        return Task.CompletedTask;
    }

    public Task RestorePowerAsync(MeterNumber meter, CancellationToken cancellationToken)
    {
        Meter(meter).Restore();
        return Task.CompletedTask;
    }

    /// <summary>
    /// An electricity meter takes the command as DL/T 645 brings it; a water or gas meter as CJ/T 188 does — valve control
    /// only, answered once the valve has stopped — so a scenario comes out here as on the stack.
    /// </summary>
    public Task<bool> RemoteAsync(MeterNumber meter, RemoteCommand command, CancellationToken cancellationToken)
    {
        var target = Meter(meter);
        if (target.Model.Utility == Utility.Electricity)
        {
            return Task.FromResult(target.ApplyRemote(command));
        }

        return command is RemoteCommand.Trip or RemoteCommand.DirectClose
            ? Task.FromResult(VirtualMeterOnCjt188.ValveControl(target, command))
            : Task.FromException<bool>(RemoteCommandSender.NoCjt188Word(target.Model.Utility, command));
    }

    public Task<MeterSnapshot> ReadAsync(MeterNumber meter, CancellationToken cancellationToken) => Task.FromResult(Meter(meter).Snapshot());

    /// <summary>The keys at the meter's own keypad (<see cref="Keypad"/>), as a person types them.</summary>
    public Task<IReadOnlyList<TokenOutcome>> KeypadAsync(MeterNumber meter, string keys, CancellationToken cancellationToken)
    {
        var device = Meter(meter);
        if (!device.Model.TakesTokens)
        {
            throw new StepNotPossibleException($"meter {meter} ({device.Model.Id}) has no keypad");
        }

        return Task.FromResult(new Keypad(device).Type(keys, out var problem) ?? throw new ArgumentException(problem, nameof(keys)));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private VirtualMeter Meter(MeterNumber number) =>
        _meters.TryGetValue(number, out var meter) ? meter : throw new InvalidOperationException($"Meter {number} is not installed.");
}
