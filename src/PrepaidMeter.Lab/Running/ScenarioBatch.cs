using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;

namespace PrepaidMeter.Lab.Running;

/// <summary>
/// Plays scenarios one after another, each on a target of its own (a scenario never sees the meters another left behind):
/// `prepaid lab run` and the web console's lab both play a run this way.
/// </summary>
public static class ScenarioBatch
{
    /// <summary>
    /// The results in the order of <paramref name="scenarios"/>; <paramref name="starting"/> and <paramref name="played"/> hear of
    /// each scenario before and after it is played (a progress bar, a live page), on the playing thread.
    /// </summary>
    /// <exception cref="LabTargetException">The target failed under a scenario.</exception>
    public static async Task<IReadOnlyList<ScenarioResult>> PlayAsync(
        IReadOnlyList<Scenario> scenarios, Func<ILabTarget> newTarget, Action<Scenario>? starting = null, Action<ScenarioResult>? played = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(newTarget);
        var results = new List<ScenarioResult>(scenarios.Count);
        foreach (var scenario in scenarios)
        {
            cancellationToken.ThrowIfCancellationRequested();
            starting?.Invoke(scenario);
            await using var target = newTarget();
            var result = await ScenarioRunner.RunAsync(scenario, target, cancellationToken);
            results.Add(result);
            played?.Invoke(result);
        }

        return results;
    }
}
