using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.State;

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

    /// <summary>The card the step inserted or changed, before and after, decoded; null when it touched none.</summary>
    public CardEvidence? Card { get; init; }

    /// <summary>The account meter's registers after the step.</summary>
    public IReadOnlyList<Register> Registers { get; init; } = [];

    /// <summary>The events the step appended to the meter's log, one line each.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    public bool Passed => Problem is null && Checks.All(c => c.Passed);
}

/// <summary>The account's current meter after a step, in words a report can print.</summary>
public sealed record MeterView(string Meter, string Remaining, long RemainingHundredths, RelayState Relay, OpenReasons OpenReasons, CreditState CreditState, uint PurchaseCount)
{
    public string RelayText => Relay == RelayState.Closed ? "closed" : $"open ({OpenReasons})";
}
