namespace PrepaidMeter.Core;

/// <summary>What a meter counts its credit in: energy (kWh) or money (the tariff applied inside the meter).</summary>
public enum CreditUnit : byte
{
    Energy = 0,
    Money = 1,
}
