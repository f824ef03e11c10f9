using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Meter.State;

namespace PrepaidMeter.Lab.Running;

/// <summary>A whole run: every step's result and the meter's credit and relay over time, for charts.</summary>
public sealed record ScenarioResult
{
    public required Scenario Scenario { get; init; }

    public required string Target { get; init; }

    public required IReadOnlyList<StepResult> Steps { get; init; }

    public required IReadOnlyList<TimelinePoint> Timeline { get; init; }

    public required TimeSpan WallTime { get; init; }

    /// <summary>Set when the scenario could not start (the back office refused its site set-up, or the lab does not run its model).</summary>
    public string? Problem { get; init; }

    public bool Passed => Problem is null && Steps.All(s => s.Passed);

    public IEnumerable<StepResult> Failures => Steps.Where(s => !s.Passed);
}

/// <summary>The account's meter at one moment: remaining credit (hundredths of its unit) and the relay.</summary>
public readonly record struct TimelinePoint(DateTimeOffset At, long Remaining, RelayState Relay, CreditState CreditState);
