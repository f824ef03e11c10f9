using System.Globalization;
using PrepaidMeter.Core;

namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// An accumulated quantity as a CJ/T 188 meter states it: XXXXXX.XX (4 BCD bytes, low first, two decimals) and
/// the unit code after it. Kept as whole hundredths of the meter's own unit, never converted: the unit may be
/// m³, L or a ×10/×100 variant, and hundredths of the stated unit carry every value the wire can, exactly, back
/// onto the wire. No floating point.
/// </summary>
public readonly record struct Cjt188Volume
{
    /// <summary>Bytes on the wire: four BCD bytes and the unit code.</summary>
    public const int Length = 5;

    public const long MaxHundredths = 99_999_999;

    private Cjt188Volume(long hundredths, Cjt188Unit unit)
    {
        Hundredths = hundredths;
        Unit = unit;
    }

    /// <summary>The quantity in hundredths of <see cref="Unit"/>: 55_667_700 is 556677.00 m³.</summary>
    public long Hundredths { get; }

    public Cjt188Unit Unit { get; }

    /// <exception cref="ArgumentOutOfRangeException">Negative, or more than eight digits.</exception>
    public static Cjt188Volume From(long hundredths, Cjt188Unit unit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hundredths);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hundredths, MaxHundredths);
        return new(hundredths, unit);
    }

    /// <summary>A meter's volume as the wire states it in m³ (unit 2CH): what a virtual water or gas meter answers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or more than the wire's eight digits (999999.99 m³).</exception>
    public static Cjt188Volume Of(Volume volume) => From(volume.Hundredths, Cjt188Unit.CubicMetre);

    /// <summary>
    /// The quantity as a <see cref="Volume"/> (hundredths of m³), when its unit is a volume (L or m³, ×1, ×10, ×100) and
    /// it is a whole number of hundredths of m³; false otherwise — an energy or flow unit, or litres finer than 10 L,
    /// which a <see cref="Volume"/> cannot hold exactly and this never rounds.
    /// </summary>
    public bool TryToVolume(out Volume volume)
    {
        volume = default;
        // Hundredths of the stated unit times (unit in m³ × 100 ÷ 100), as a fraction: numerator / denominator.
        (long numerator, long denominator) = Unit switch
        {
            Cjt188Unit.CubicMetre => (1, 1),
            Cjt188Unit.CubicMetreTimes10 => (10, 1),
            Cjt188Unit.CubicMetreTimes100 => (100, 1),
            Cjt188Unit.Litre => (1, 1000),
            Cjt188Unit.LitreTimes10 => (1, 100),
            Cjt188Unit.LitreTimes100 => (1, 10),
            _ => (0, 0),
        };
        if (denominator == 0 || Hundredths * numerator % denominator != 0)
        {
            return false;
        }

        volume = Volume.FromHundredths(Hundredths * numerator / denominator);
        return true;
    }

    public void WriteTo(Span<byte> destination)
    {
        Bcd.WriteLittleEndian((ulong)Hundredths, destination[..4]);
        destination[4] = (byte)Unit;
    }

    /// <summary>Reads 5 bytes; false when a value byte is not two BCD digits. Any unit byte is kept as sent.</summary>
    public static bool TryRead(ReadOnlySpan<byte> wire, out Cjt188Volume volume)
    {
        volume = default;
        if (wire.Length < Length || !Bcd.TryReadLittleEndian(wire[..4], out var hundredths))
        {
            return false;
        }

        volume = new((long)hundredths, (Cjt188Unit)wire[4]);
        return true;
    }

    public override string ToString() =>
        $"{(Hundredths / 100).ToString(CultureInfo.InvariantCulture)}.{(Hundredths % 100).ToString("D2", CultureInfo.InvariantCulture)} {Cjt188UnitText.Of(Unit)}";
}
