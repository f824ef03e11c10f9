using System.Text.Json.Nodes;
using PrepaidMeter.Devices.Host;

namespace PrepaidMeter.Devices.LabChannel;

/// <summary>
/// The device end of the lab channel (`prepaid meter run --reader ... --lab`): the lab's stack target drives
/// the meter device over stdin and stdout, one JSON object a line (<see cref="LabCommand"/> in,
/// <see cref="LabAnswer"/> out). It says <c>{"ready":N}</c> once, <c>{"card":{...}}</c> after every card it
/// handles, and answers each command (keys typed at a token meter's keypad with <c>{"tokens":[...]}</c>); <c>quit</c> or the end of stdin stops it. A line it cannot take gets
/// <c>{"error":"..."}</c> and changes nothing.
/// </summary>
public static class MeterLabChannel
{
    public static async Task ServeAsync(MeterDevice device, TextReader input, TextWriter output, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);

        // Card lines come from the device's card loop while answers come from here: one line at a time.
        var writeLock = new Lock();
        void Say(JsonObject line)
        {
            lock (writeLock)
            {
                output.WriteLine(line.ToJsonString());
                output.Flush();
            }
        }

        device.CardHandled += outcome => Say(LabAnswer.CardLine(outcome));
        Say(LabAnswer.ReadyLine(device.Read().MeterNumber));
        while (!stopping.IsCancellationRequested && await input.ReadLineAsync(stopping) is { } text)
        {
            switch (text.Trim())
            {
                case LabCommand.Quit:
                    return;
                case "":
                    continue;
                default:
                    Say(Answer(device, text));
                    break;
            }
        }
    }

    private static JsonObject Answer(MeterDevice device, string text)
    {
        try
        {
            return LabCommand.Parse(text) switch
            {
                LabCommand.Advance advance => LabAnswer.PassedLine(device.Advance(advance.Steps, advance.Load)),
                LabCommand.Flow flow => LabAnswer.PassedLine(device.Advance(flow.Steps, flow.Drawn)),
                LabCommand.Part part => LabAnswer.EventsLine(device.Do(part.Act)),
                LabCommand.Show => LabAnswer.SnapshotLine(device.Read()),
                LabCommand.Power power => Done(() => device.Power(power.On)),
                LabCommand.CutNext cut => Done(() => device.CutDuringNextCard(cut.At)),
                LabCommand.LoadMeter load => device.Load(load.Nvram) is { } problem ? LabAnswer.ErrorLine(problem) : LabAnswer.OkLine(),
                LabCommand.Keypad keypad => device.Keypad(keypad.Keys, out var outcomes) is { } refused ? LabAnswer.ErrorLine(refused) : LabAnswer.TokensLine(outcomes),
                var other => LabAnswer.ErrorLine($"the device does not carry out '{other.Name}'"),
            };
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            return LabAnswer.ErrorLine(e.Message);
        }
    }

    private static JsonObject Done(Action action)
    {
        action();
        return LabAnswer.OkLine();
    }
}
