namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>What valve control (A017) asks of the valve.</summary>
public enum Cjt188ValveCommand : byte
{
    Open = Cjt188Messages.ValveOpen,
    Close = Cjt188Messages.ValveClose,
}

/// <summary>What a read asks of a meter: the item's bytes after DI0 DI1 SER, or null when the meter has no such item.</summary>
public readonly record struct Cjt188Value(byte[]? Bytes)
{
    public static Cjt188Value Of(byte[] bytes) => new(bytes);

    public static Cjt188Value NoSuchItem { get; } = new(null);
}

/// <summary>
/// The meter side of a CJ/T 188 link: what a virtual water or gas meter (or a test's stand-in) exposes so that
/// <see cref="Cjt188Responder"/> can answer a master exactly as a meter on the bus would.
/// </summary>
public interface ICjt188Meter
{
    Cjt188Address Address { get; }

    Cjt188MeterType MeterType { get; }

    /// <summary>The status ST now: what an abnormal reply carries.</summary>
    Cjt188Status Status { get; }

    /// <summary>An item's bytes; <paramref name="id"/> arrives in the byte order the master sent.</summary>
    Cjt188Value Read(Cjt188DataIdentifier id);

    /// <summary>Moves the valve, or tries to; the status after, which says where the valve is.</summary>
    Cjt188Status WriteValve(Cjt188ValveCommand command);
}
