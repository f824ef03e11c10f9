namespace PrepaidMeter.Core;

/// <summary>
/// What a meter measures and sells (the seeds' 仪表类型, meter type): electricity in kWh, water and gas in m³
/// (<see cref="Volume"/>). docs/water-gas.md.
/// </summary>
public enum Utility : byte
{
    Electricity = 0,
    Water = 1,
    Gas = 2,
}

/// <summary>What cuts a prepaid meter's supply: a relay (electricity) or a motorised valve (water, gas).</summary>
public enum SupplySwitch : byte
{
    Relay = 0,
    Valve = 1,
}

/// <summary>The unit each utility is measured in, and the switch its meters use, as the field has them.</summary>
public static class Utilities
{
    /// <summary>"kWh" for electricity, "m³" for water and gas.</summary>
    public static string UnitSymbol(this Utility utility) => utility switch
    {
        Utility.Electricity => "kWh",
        Utility.Water or Utility.Gas => "m³",
        _ => throw new ArgumentOutOfRangeException(nameof(utility), utility, "Not a utility."),
    };

    /// <summary>Electricity meters switch with a relay; water and gas meters with a motorised valve.</summary>
    public static SupplySwitch UsualSwitch(this Utility utility) => utility switch
    {
        Utility.Electricity => SupplySwitch.Relay,
        Utility.Water or Utility.Gas => SupplySwitch.Valve,
        _ => throw new ArgumentOutOfRangeException(nameof(utility), utility, "Not a utility."),
    };

    /// <summary>Reads "electricity", "water" or "gas" (any case); null for anything else.</summary>
    public static Utility? Parse(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "ELECTRICITY" => Utility.Electricity,
        "WATER" => Utility.Water,
        "GAS" => Utility.Gas,
        _ => null,
    };

    /// <summary>"electricity", "water", "gas": how files and the CLI write it.</summary>
    public static string Name(this Utility utility) => utility switch
    {
        Utility.Electricity => "electricity",
        Utility.Water => "water",
        Utility.Gas => "gas",
        _ => throw new ArgumentOutOfRangeException(nameof(utility), utility, "Not a utility."),
    };
}
