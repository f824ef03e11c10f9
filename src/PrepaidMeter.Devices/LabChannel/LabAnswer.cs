using System.Text.Json.Nodes;
using PrepaidMeter.Core;
using PrepaidMeter.Meter;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Devices.LabChannel;

/// <summary>
/// The lines a meter device says on its lab channel, each one JSON object under one key: <c>ready</c> once,
/// <c>card</c> after every card, and one answer per command (<c>events</c>, with <c>samples</c> beside it for a sampled advance, <c>snapshot</c>,
/// <c>tokens</c> for keys typed at the keypad, <c>ok</c>, or <c>error</c> when it could not take the command). The lab end waits for these keys.
/// </summary>
public static class LabAnswer
{
    public const string Ready = "ready";
    public const string Card = "card";
    public const string Events = "events";
    public const string Snapshot = "snapshot";
    public const string Ok = "ok";
    public const string Error = "error";
    public const string Tokens = "tokens";

    public static JsonObject ReadyLine(MeterNumber meter) => new() { [Ready] = meter.Value };

    public static JsonObject CardLine(CardOutcome outcome) => new() { [Card] = LabMeterJson.Outcome(outcome) };

    public const string Samples = "samples";

    public static JsonObject EventsLine(IEnumerable<MeterEvent> events) => new() { [Events] = LabMeterJson.Events(events) };

    /// <summary>The answer to an advance: its events, and its readings between pieces when it was sampled.</summary>
    public static JsonObject PassedLine(TimePassed passed)
    {
        ArgumentNullException.ThrowIfNull(passed);
        var line = EventsLine(passed.Events);
        if (passed.Samples.Count > 0)
        {
            line[Samples] = LabMeterJson.Samples(passed.Samples);
        }

        return line;
    }

    public static JsonObject SnapshotLine(MeterSnapshot snapshot) => new() { [Snapshot] = LabMeterJson.Snapshot(snapshot) };

    /// <summary>The answer to keys typed at the keypad: the meter's answer to each enter, in order (none when no enter was typed).</summary>
    public static JsonObject TokensLine(IEnumerable<Meter.Tokens.TokenOutcome> outcomes) => new() { [Tokens] = LabTokenJson.Outcomes(outcomes) };

    public static JsonObject OkLine() => new() { [Ok] = true };

    public static JsonObject ErrorLine(string problem) => new() { [Error] = problem };
}
