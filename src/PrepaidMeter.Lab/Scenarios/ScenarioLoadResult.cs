namespace PrepaidMeter.Lab.Scenarios;

/// <summary>A scenario read from a file, or every mistake found in it (file, step number, what is wrong).</summary>
public sealed record ScenarioLoadResult(Scenario? Scenario, IReadOnlyList<string> Errors)
{
    public bool Success => Scenario is not null;

    /// <exception cref="InvalidOperationException">The file was refused.</exception>
    public Scenario GetScenarioOrThrow() => Scenario ?? throw new InvalidOperationException(string.Join(Environment.NewLine, Errors));
}
