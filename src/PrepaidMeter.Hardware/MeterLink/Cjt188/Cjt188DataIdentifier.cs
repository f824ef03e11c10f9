namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// A CJ/T 188 data identifier: two bytes DI0 DI1 at the head of the data field, kept as the bytes sent because
/// field meters do not send every identifier in one byte order: metering data "901F" travels 1F 90, read address
/// "810A" travels 81 0A, valve control "A017" travels A0 17 (docs/cjt188.md names the sources).
/// </summary>
public readonly record struct Cjt188DataIdentifier(byte Di0, byte Di1)
{
    public const int Length = 2;

    /// <summary>Read metering data (901F): accumulated flow, settlement-date flow, time, status.</summary>
    public static Cjt188DataIdentifier MeteringData { get; } = new(0x1F, 0x90);

    /// <summary>Read address (810A), with control code 03H.</summary>
    public static Cjt188DataIdentifier ReadAddress { get; } = new(0x81, 0x0A);

    /// <summary>Valve control (A017), written with control code 04H.</summary>
    public static Cjt188DataIdentifier ValveControl { get; } = new(0xA0, 0x17);

    /// <summary>The same two bytes the other way round, as some meters and masters send them.</summary>
    public Cjt188DataIdentifier Swapped => new(Di1, Di0);

    /// <summary>The customary name ("901F", "A017"): for 901F the wire's DI1 DI0, for the others DI0 DI1.</summary>
    public string Name => this == MeteringData || Swapped == MeteringData ? "901F" : $"{Di0:X2}{Di1:X2}";

    /// <summary>True when <paramref name="other"/> is this identifier in either byte order.</summary>
    public bool Matches(Cjt188DataIdentifier other) => other == this || other == Swapped;

    public void WriteTo(Span<byte> destination)
    {
        destination[0] = Di0;
        destination[1] = Di1;
    }

    public static Cjt188DataIdentifier Read(ReadOnlySpan<byte> wire) => new(wire[0], wire[1]);

    public override string ToString() => $"{Name} ({Di0:X2} {Di1:X2})";
}
