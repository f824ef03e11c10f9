namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// A target that says what it actually used: its meters, the readers cards went through, the ports and processes
/// behind them. A certification's report prints it as "the target and its readers/ports"; it is asked after a
/// scenario played, so it names what was set up for it, not what might have been.
/// </summary>
public interface IDescribedTarget
{
    IReadOnlyList<TargetPart> Describe();
}
