using PrepaidMeter.Lab.Scenarios;

namespace PrepaidMeter.Lab.Certification;

/// <summary>One clause of a certification: the rule it proves (docs/meter-rules.md), in words, and the scenario that proves it.</summary>
public sealed record CertificationClause(string Rule, string Title, Scenario Scenario)
{
    /// <summary>The clause that swipes a forged card: its outcome is the report's verdict on the card protocol.</summary>
    public bool Forgery { get; init; }
}
