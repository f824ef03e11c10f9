namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// The target cannot do this one step as written (a bench cannot cut power inside a card write, nor play
/// a month of consumption in real time). Unlike <see cref="LabTargetException"/> the run goes on: that step
/// fails with this message and the next one is played.
/// </summary>
public sealed class StepNotPossibleException : Exception
{
    public StepNotPossibleException()
    {
    }

    public StepNotPossibleException(string message)
        : base(message)
    {
    }

    public StepNotPossibleException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
