namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>What a read asks of a meter: the value's bytes as the item's format writes them, or why not.</summary>
public readonly record struct Dlt645Value(byte[]? Bytes, Dlt645Errors Errors)
{
    public static Dlt645Value Of(byte[] bytes) => new(bytes, Dlt645Errors.None);

    public static Dlt645Value Refused(Dlt645Errors errors) => new(null, errors);
}

/// <summary>
/// The meter side of the link: what the virtual meter (or a test's stand-in) exposes so that
/// <see cref="Dlt645Responder"/> can answer a master exactly as a meter on RS-485 would.
/// </summary>
public interface IDlt645Meter
{
    Dlt645Address Address { get; }

    Dlt645Value Read(DataIdentifier id);

    /// <returns>None when written, or why not (unauthorised, no such data, ...).</returns>
    Dlt645Errors Write(DataIdentifier id, ReadOnlySpan<byte> authority, ReadOnlySpan<byte> value);

    Dlt645Errors Control(Dlt645ControlCommand command, ReadOnlySpan<byte> authority, DateTimeOffset validUntil);

    void SetTime(DateTimeOffset time);
}
