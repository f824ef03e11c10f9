namespace PrepaidMeter.Hardware.Pcsc;

/// <summary>A PC/SC call failed; <see cref="Code"/> is the pcsc-lite return code, the message says it in words.</summary>
public sealed class PcscException : Exception
{
    public PcscException(string operation, uint code)
        : base($"{operation}: {PcscStatus.Describe(code)}") => Code = code;

    public PcscException()
    {
    }

    public PcscException(string message)
        : base(message)
    {
    }

    public PcscException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public uint Code { get; }
}
