using PrepaidMeter.Lab.Running;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Certification;

/// <summary>A certification run: the model, the target, when, and each clause with the run that is its evidence.</summary>
public sealed record CertificationResult(MeterModel Model, string Target, DateTimeOffset At, IReadOnlyList<(CertificationClause Clause, ScenarioResult Result)> Clauses)
{
    public bool Passed => Clauses.All(c => c.Result.Passed);

    public TimeSpan WallTime => TimeSpan.FromTicks(Clauses.Sum(c => c.Result.WallTime.Ticks));
}
