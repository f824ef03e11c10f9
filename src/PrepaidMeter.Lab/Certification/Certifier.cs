using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Certification;

/// <summary>Runs a model's certification suite, each clause on a target of its own.</summary>
public static class Certifier
{
    public static async Task<CertificationResult> RunAsync(
        MeterModel model, Func<ILabTarget> newTarget, TimeProvider time, IProgress<CertificationClause>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(newTarget);
        ArgumentNullException.ThrowIfNull(time);
        var at = time.GetUtcNow();
        var results = new List<(CertificationClause, ScenarioResult)>();
        string? target = null;
        foreach (var clause in CertificationSuite.For(model))
        {
            progress?.Report(clause);
            await using var board = newTarget();
            target ??= board.Name;
            results.Add((clause, await ScenarioRunner.RunAsync(clause.Scenario, board, cancellationToken)));
        }

        return new CertificationResult(model, target ?? "none", at, results);
    }
}
