namespace PrepaidMeter.Lab.Running;

/// <summary>The counter lost power in the middle of a card write: the back office's process stops there, with no answer.</summary>
internal sealed class CounterPowerCutException : Exception
{
    public CounterPowerCutException()
    {
    }

    public CounterPowerCutException(string message)
        : base(message)
    {
    }

    public CounterPowerCutException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CounterPowerCutException(int afterBytes)
        : base($"the counter lost power after {afterBytes} bytes of the card write")
    {
    }
}
