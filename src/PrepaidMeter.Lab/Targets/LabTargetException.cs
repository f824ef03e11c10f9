namespace PrepaidMeter.Lab.Targets;

/// <summary>
/// The target's environment failed the run: pcscd, vpcd, socat or a meter device missing, silent or gone.
/// Not a scenario's failure — nothing the meter answered can be judged — so the run stops with this.
/// </summary>
public sealed class LabTargetException : Exception
{
    public LabTargetException()
    {
    }

    public LabTargetException(string message)
        : base(message)
    {
    }

    public LabTargetException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
