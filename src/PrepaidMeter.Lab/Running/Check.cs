namespace PrepaidMeter.Lab.Running;

/// <summary>
/// One expectation checked after a step: what the scenario said, what was seen. On a target that cannot
/// see the fact (<see cref="Observed"/> false) the check is neither passed nor failed by what the meter did —
/// it is reported as not observable, and it does not count as a pass.
/// </summary>
public sealed record Check(string What, string Expected, string Actual, bool Observed = true)
{
    public bool Passed => Observed && Expected == Actual;

    public static Check NotObservable(string what, string expected, string target) => new(what, expected, $"not observable on the {target} target", Observed: false);

    public override string ToString() => Passed ? $"{What} = {Actual}" : !Observed ? $"{What}: expected {Expected}, {Actual}" : $"{What}: expected {Expected}, got {Actual}";
}
