using System.Text.Json.Nodes;
using PrepaidMeter.Core;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Devices.LabChannel;

/// <summary>The lab channel's commands as calls: each writes its <see cref="LabCommand"/> line and reads the answer the device end gives it.</summary>
public sealed partial class MeterDeviceProcess
{
    /// <summary>Sends <paramref name="command"/> and returns what its answer line holds under the command's answer key.</summary>
    public Task<JsonNode> SendAsync(LabCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return AskAsync(command.ToJson(), command.Answer, cancellationToken);
    }

    /// <summary>Waits for the device's first line: the meter it holds.</summary>
    public async Task<MeterNumber> ReadyAsync(CancellationToken cancellationToken) =>
        MeterNumber.From((await ExpectAsync(LabAnswer.Ready, cancellationToken)).GetValue<ulong>());

    /// <summary>Waits for what the meter answered to the next card it handles.</summary>
    public async Task<CardOutcome> NextCardAsync(CancellationToken cancellationToken) =>
        LabMeterJson.ReadOutcome(await ExpectAsync(LabAnswer.Card, cancellationToken));

    /// <summary>Lets time pass at the meter — under a load (<see cref="LabCommand.Advance"/>) or a flow (<see cref="LabCommand.Flow"/>) — and reads what passed.</summary>
    public async Task<TimePassed> PassTimeAsync(LabCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is not (LabCommand.Advance or LabCommand.Flow))
        {
            throw new ArgumentException($"'{command.Name}' lets no time pass.", nameof(command));
        }

        var line = await AskLineAsync(command.ToJson(), command.Answer, cancellationToken);
        return new(LabMeterJson.ReadEvents(line[LabAnswer.Events]!), LabMeterJson.ReadSamples(line[LabAnswer.Samples]));
    }

    public async Task<IReadOnlyList<MeterEvent>> DoAsync(PartAct act, CancellationToken cancellationToken) =>
        LabMeterJson.ReadEvents(await SendAsync(new LabCommand.Part(act), cancellationToken));

    public async Task<MeterSnapshot> ShowAsync(CancellationToken cancellationToken) =>
        LabMeterJson.ReadSnapshot(await SendAsync(new LabCommand.Show(), cancellationToken));

    public Task PowerAsync(bool on, CancellationToken cancellationToken) => SendAsync(new LabCommand.Power(on), cancellationToken);

    public Task CutNextAsync(PowerCut at, CancellationToken cancellationToken) => SendAsync(new LabCommand.CutNext(at), cancellationToken);

    /// <summary>Types <paramref name="keys"/> at the device's meter's keypad: its answer to each enter, in order.</summary>
    public async Task<IReadOnlyList<Meter.Tokens.TokenOutcome>> KeypadAsync(string keys, CancellationToken cancellationToken) =>
        LabTokenJson.ReadOutcomes(await SendAsync(new LabCommand.Keypad(keys), cancellationToken));

    public Task LoadAsync(string nvram, CancellationToken cancellationToken) => SendAsync(new LabCommand.LoadMeter(nvram), cancellationToken);
}
