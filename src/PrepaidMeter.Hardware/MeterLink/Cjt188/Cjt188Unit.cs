namespace PrepaidMeter.Hardware.MeterLink.Cjt188;

/// <summary>
/// The unit code byte that follows a CJ/T 188 quantity (CJ/T 188-2004's unit table, as docs/cjt188.md cites it):
/// energy, power, volume and flow units, some times ten or a hundred.
/// </summary>
public enum Cjt188Unit : byte
{
    Joule = 0x01,
    Wh = 0x02,
    WhTimes10 = 0x03,
    WhTimes100 = 0x04,
    KWh = 0x05,
    KWhTimes10 = 0x06,
    KWhTimes100 = 0x07,
    MWh = 0x08,
    MWhTimes10 = 0x09,
    MWhTimes100 = 0x0A,
    KJ = 0x0B,
    KJTimes10 = 0x0C,
    KJTimes100 = 0x0D,
    MJ = 0x0E,
    MJTimes10 = 0x0F,
    MJTimes100 = 0x10,
    GJ = 0x11,
    GJTimes10 = 0x12,
    GJTimes100 = 0x13,
    W = 0x14,
    WTimes10 = 0x15,
    WTimes100 = 0x16,
    KW = 0x17,
    KWTimes10 = 0x18,
    KWTimes100 = 0x19,
    MW = 0x1A,
    MWTimes10 = 0x1B,
    MWTimes100 = 0x1C,
    Litre = 0x29,
    LitreTimes10 = 0x2A,
    LitreTimes100 = 0x2B,
    CubicMetre = 0x2C,
    CubicMetreTimes10 = 0x2D,
    CubicMetreTimes100 = 0x2E,
    LitrePerHour = 0x32,
    LitrePerHourTimes10 = 0x33,
    LitrePerHourTimes100 = 0x34,
    CubicMetrePerHour = 0x35,
    CubicMetrePerHourTimes10 = 0x36,
    CubicMetrePerHourTimes100 = 0x37,
}

/// <summary>How a unit code is written for people: "m³", "kWh×10"; a code the table lacks as its hex.</summary>
public static class Cjt188UnitText
{
    public static string Of(Cjt188Unit unit)
    {
        if (!Enum.IsDefined(unit))
        {
            return $"unit {(byte)unit:X2}H";
        }

        var name = unit.ToString();
        var times = name.EndsWith("Times100", StringComparison.Ordinal) ? "×100" : name.EndsWith("Times10", StringComparison.Ordinal) ? "×10" : "";
        var baseName = times.Length == 0 ? name : name[..name.IndexOf("Times", StringComparison.Ordinal)];
        return Symbol(baseName) + times;
    }

    private static string Symbol(string baseName) => baseName switch
    {
        "Joule" => "J",
        "Litre" => "L",
        "CubicMetre" => "m³",
        "LitrePerHour" => "L/h",
        "CubicMetrePerHour" => "m³/h",
        _ => baseName,
    };
}
