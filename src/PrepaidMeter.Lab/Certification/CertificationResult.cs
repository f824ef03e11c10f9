using PrepaidMeter.Lab.Running;
using PrepaidMeter.Lab.Targets;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Certification;

/// <summary>A certification run: the model, the target, when, by which tool, and each clause with the run that is its evidence.</summary>
public sealed record CertificationResult(MeterModel Model, string Target, DateTimeOffset At, IReadOnlyList<(CertificationClause Clause, ScenarioResult Result)> Clauses)
{
    public bool Passed => Clauses.All(c => c.Result.Passed);

    public TimeSpan WallTime => TimeSpan.FromTicks(Clauses.Sum(c => c.Result.WallTime.Ticks));

    /// <summary>The tool that certified (version and commit).</summary>
    public ToolVersion Tool { get; init; } = ToolVersion.Current;

    /// <summary>
    /// What the target used to reach its meters — meters, readers, ports, processes — as the targets described
    /// themselves after their clauses (<see cref="IDescribedTarget"/>), each part once.
    /// </summary>
    public IReadOnlyList<TargetPart> TargetDetails { get; init; } = [];

    /// <summary>What the forged-card clause showed of the card protocol.</summary>
    public CardProtocol CardProtocol => CardProtocol.Judge(this);
}
