namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// What a water or gas meter answers to 901F, after DI0 DI1 SER: the current accumulated flow and its unit, the
/// accumulated flow at the last settlement date and its unit, the meter's real time, the status ST: 19 bytes.
/// <see cref="Time"/> is null when the meter sent no real moment.
/// </summary>
public readonly record struct Cjt188MeteringData(Cjt188Volume Current, Cjt188Volume Settlement, DateTimeOffset? Time, Cjt188Status Status)
{
    public const int Length = (2 * Cjt188Volume.Length) + Cjt188Time.Length + Cjt188Status.Length;

    public byte[] ToBytes()
    {
        var bytes = new byte[Length];
        Current.WriteTo(bytes);
        Settlement.WriteTo(bytes.AsSpan(Cjt188Volume.Length));
        if (Time is { } time)
        {
            Cjt188Time.Write(time, bytes.AsSpan(2 * Cjt188Volume.Length));
        }

        Status.WriteTo(bytes.AsSpan(Length - Cjt188Status.Length));
        return bytes;
    }

    /// <summary>False when fewer than 19 bytes came or a flow is not BCD; a time that is no real moment reads as null.</summary>
    public static bool TryRead(ReadOnlySpan<byte> wire, out Cjt188MeteringData data)
    {
        data = default;
        if (wire.Length < Length
            || !Cjt188Volume.TryRead(wire, out var current)
            || !Cjt188Volume.TryRead(wire[Cjt188Volume.Length..], out var settlement))
        {
            return false;
        }

        data = new(current, settlement, Cjt188Time.Read(wire[(2 * Cjt188Volume.Length)..]), Cjt188Status.Read(wire[(Length - Cjt188Status.Length)..]));
        return true;
    }
}
