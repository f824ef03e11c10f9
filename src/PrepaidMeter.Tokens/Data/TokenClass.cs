namespace PrepaidMeter.Tokens.Data;

/// <summary>The two class bits (IEC 62055-41, 6.1): what kind of token the 64-bit block is.</summary>
public enum TokenClass
{
    /// <summary>Credit for one meter (encrypted with its decoder key).</summary>
    TransferCredit = 0,

    /// <summary>Tests and displays any meter of a manufacturer takes (not encrypted: no key needed to make one).</summary>
    InitiateMeterTest = 1,

    /// <summary>Management of one meter: limits, clearing, key changes (encrypted with its decoder key).</summary>
    MeterSpecificManagement = 2,

    /// <summary>Reserved by the standard: no meter takes one.</summary>
    Reserved = 3,
}

/// <summary>What a class 0 token transfers (its subclass).</summary>
public enum CreditKind
{
    Electricity = 0,
    Water = 1,
    Gas = 2,
    Time = 3,
    ElectricityCurrency = 4,
    WaterCurrency = 5,
    GasCurrency = 6,
    TimeCurrency = 7,
}

/// <summary>What a class 2 token sets (its subclass); 10–15 are reserved.</summary>
public enum ManagementKind
{
    SetMaximumPowerLimit = 0,
    ClearCredit = 1,
    SetTariffRate = 2,
    SetFirstSectionDecoderKey = 3,
    SetSecondSectionDecoderKey = 4,
    ClearTamperCondition = 5,
    SetMaximumPhasePowerUnbalanceLimit = 6,
    SetWaterMeterFactor = 7,
    SetThirdSectionDecoderKey = 8,
    SetFourthSectionDecoderKey = 9,
}

public static class TokenKinds
{
    /// <summary>The unit one amount step of a class 0 token is worth, as its receipt prints it.</summary>
    public static string Unit(this CreditKind kind) => kind switch
    {
        CreditKind.Electricity => "kWh",
        CreditKind.Water or CreditKind.Gas => "m³",
        CreditKind.Time => "min",
        _ => "currency",
    };

    /// <summary>Currency tokens carry the CRC_C of 6.3.22 instead of the CRC, whose definition the public material does not give.</summary>
    public static bool IsCurrency(this CreditKind kind) => kind >= CreditKind.ElectricityCurrency;

    public static bool IsKeyChange(this ManagementKind kind) => kind is ManagementKind.SetFirstSectionDecoderKey
        or ManagementKind.SetSecondSectionDecoderKey or ManagementKind.SetThirdSectionDecoderKey or ManagementKind.SetFourthSectionDecoderKey;
}
