using PrepaidMeter.Lab.Running;
using PrepaidMeter.Meter.Models;

namespace PrepaidMeter.Lab.Certification;

/// <summary>A certification run: the model, the target, when, by which tool, and each clause with the run that is its evidence.</summary>
public sealed record CertificationResult(MeterModel Model, string Target, DateTimeOffset At, IReadOnlyList<(CertificationClause Clause, ScenarioResult Result)> Clauses)
{
    public bool Passed => Clauses.All(c => c.Result.Passed);

    public TimeSpan WallTime => TimeSpan.FromTicks(Clauses.Sum(c => c.Result.WallTime.Ticks));

    /// <summary>The tool that certified (version and commit).</summary>
    public ToolVersion Tool { get; init; } = ToolVersion.Current;

    /// <summary>How the target was reached — readers, ports, baud — as the command line gave it; empty for the virtual meter.</summary>
    public IReadOnlyList<(string Label, string Value)> TargetDetails { get; init; } = [];

    /// <summary>What the forged-card clause showed of the card protocol.</summary>
    public CardProtocol CardProtocol => CardProtocol.Judge(this);
}
