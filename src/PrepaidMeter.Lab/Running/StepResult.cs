using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Meter.Valves;

namespace PrepaidMeter.Lab.Running;

/// <summary>What one step did and whether everything the scenario expected of it held.</summary>
public sealed record StepResult
{
    public required ScenarioStep Step { get; init; }

    /// <summary>One line: what happened ("sold 10.00 kWh, receipt 3", "Loaded: 10.00 kWh loaded, purchase 2").</summary>
    public required string Summary { get; init; }

    /// <summary>Set when the step could not be done as written (no card in hand, an unexpected refusal).</summary>
    public string? Problem { get; init; }

    /// <summary>The back office's refusal, when it refused.</summary>
    public string? Refusal { get; init; }

    /// <summary>The meter's result code, when the step inserted a card.</summary>
    public MeterResult? MeterResult { get; init; }

    public IReadOnlyList<Check> Checks { get; init; } = [];

    /// <summary>What the meter looked like after the step.</summary>
    public required MeterView Meter { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>
    /// The cards the step inserted or changed, before and after, decoded, the one it is about first (a meter change:
    /// the meter-change card, then the new meter's set card, then the user card); empty when it touched none.
    /// </summary>
    public IReadOnlyList<CardEvidence> Cards { get; init; } = [];

    /// <summary>The card the step is about, the first of <see cref="Cards"/>; null when it touched none.</summary>
    public CardEvidence? Card => Cards.Count > 0 ? Cards[0] : null;

    /// <summary>The account meter's registers after the step.</summary>
    public IReadOnlyList<Register> Registers { get; init; } = [];

    /// <summary>
    /// The registers after the step of the meter it acted on when that is not the account's meter — the old meter of
    /// a meter change, another meter a card was carried to; empty otherwise.
    /// </summary>
    public IReadOnlyList<Register> OtherMeter { get; init; } = [];

    /// <summary>The events the step appended to the meter's log, one line each.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    public bool Passed => Problem is null && Checks.All(c => c.Passed);
}

/// <summary>The account's current meter after a step, in words a report can print.</summary>
public sealed record MeterView(string Meter, string Remaining, long RemainingHundredths, RelayState Relay, OpenReasons OpenReasons, CreditState CreditState, uint PurchaseCount)
{
    /// <summary>A water or gas meter's valve where the relay would be; null on a relay meter.</summary>
    public ValvePosition? Valve { get; init; }

    public string RelayText => Relay == RelayState.Closed ? "closed" : $"open ({OpenReasons})";

    /// <summary>
    /// What cuts the supply, as a report prints it: "relay closed", "relay open (Alarm2)"; on a water or gas meter its
    /// valve — "valve open", "valve closed (Alarm2)", "valve stuck open" — for a valve meter has no relay to show.
    /// </summary>
    public string SupplyText => Valve is { } valve
        ? $"valve {Words(valve.ToString())}{(OpenReasons == OpenReasons.None ? "" : $" ({OpenReasons})")}"
        : $"relay {RelayText}";

    // "StuckOpen" as "stuck open".
    private static string Words(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? $" {char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));
}
