namespace PrepaidMeter.Core;

/// <summary>
/// What a meter counts its credit in: energy (kWh), money (the tariff applied inside the meter) or volume (m³, the
/// water and gas meters that count credit as the seeds' 购水量/购气量). The byte values are what cards carry.
/// </summary>
public enum CreditUnit : byte
{
    Energy = 0,
    Money = 1,
    Volume = 2,
}
