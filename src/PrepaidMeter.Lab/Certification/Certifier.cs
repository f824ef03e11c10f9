using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Scenarios;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Certification;

/// <summary>Runs a model's certification suite, each clause on a target of its own.</summary>
public static class Certifier
{
    /// <summary>The suite of <paramref name="model"/>; <paramref name="clauseDone"/> hears of each clause as it finishes (the web console's live progress).</summary>
    public static async Task<CertificationResult> RunAsync(
        MeterModel model, Func<ILabTarget> newTarget, TimeProvider time, Action<CertificationClause, ScenarioResult>? clauseDone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(newTarget);
        ArgumentNullException.ThrowIfNull(time);
        var at = time.GetUtcNow();
        var results = new List<(CertificationClause, ScenarioResult)>();
        IReadOnlyList<TargetPart> used = [];
        string? target = null;
        foreach (var clause in CertificationSuite.For(model))
        {
            await using var board = newTarget();
            target ??= board.Name;
            var run = await ScenarioRunner.RunAsync(clause.Scenario, board, cancellationToken);
            results.Add((clause, run));
            // Asked after the clause, while its meters are still there: a second meter's reader shows only once one
            // was used. The latest description leads (a stack board's grows), with what only earlier ones named after it.
            if (board is IDescribedTarget described)
            {
                var now = described.Describe();
                used = [.. now, .. used.Where(part => !now.Contains(part))];
            }

            clauseDone?.Invoke(clause, run);
        }

        return new CertificationResult(model, target ?? "none", at, results) { TargetDetails = used };
    }
}
