namespace PrepaidMeter.Lab.Running;

/// <summary>One expectation checked after a step: what the scenario said, what was seen.</summary>
public sealed record Check(string What, string Expected, string Actual)
{
    public bool Passed => Expected == Actual;

    public override string ToString() => Passed ? $"{What} = {Actual}" : $"{What}: expected {Expected}, got {Actual}";
}
