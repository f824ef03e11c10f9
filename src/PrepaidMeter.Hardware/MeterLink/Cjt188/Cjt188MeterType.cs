using System.Globalization;

namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// The meter-type byte T that follows 68H (CJ/T 188-2004): 10H–19H water, 20H–29H heat, 30H–39H gas,
/// 40H–49H other. AAH is the wildcard type a master sends when it does not know the meter's (read address).
/// </summary>
public readonly record struct Cjt188MeterType(byte Code)
{
    public static Cjt188MeterType ColdWater { get; } = new(0x10);

    public static Cjt188MeterType HotWater { get; } = new(0x11);

    public static Cjt188MeterType DrinkingWater { get; } = new(0x12);

    public static Cjt188MeterType ReclaimedWater { get; } = new(0x13);

    public static Cjt188MeterType Heat { get; } = new(0x20);

    public static Cjt188MeterType Cooling { get; } = new(0x21);

    public static Cjt188MeterType Gas { get; } = new(0x30);

    public static Cjt188MeterType Other { get; } = new(0x40);

    public static Cjt188MeterType Wildcard { get; } = new(0xAA);

    public bool IsWater => Code is >= 0x10 and <= 0x19;

    public bool IsHeat => Code is >= 0x20 and <= 0x29;

    public bool IsGas => Code is >= 0x30 and <= 0x39;

    public bool IsWildcard => Code == 0xAA;

    public string Name => Code switch
    {
        0x10 => "cold water",
        0x11 => "hot water",
        0x12 => "drinking water",
        0x13 => "reclaimed water",
        0x20 => "heat",
        0x21 => "cooling",
        0x30 => "gas",
        0x40 => "other",
        0xAA => "any type",
        _ when IsWater => "water",
        _ when IsHeat => "heat",
        _ when IsGas => "gas",
        _ => "unknown type",
    };

    public override string ToString() => $"{Code.ToString("X2", CultureInfo.InvariantCulture)}H ({Name})";
}
