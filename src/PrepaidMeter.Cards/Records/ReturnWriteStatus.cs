namespace PrepaidMeter.Cards.Records;

/// <summary>Status flags a meter writes back onto a card (返写 状态字).</summary>
[Flags]
public enum ReturnWriteStatus : ushort
{
    None = 0,
    RelayOpen = 1 << 0,
    LowCredit = 1 << 1,
    Alarm2 = 1 << 2,
    OverdraftInUse = 1 << 3,
    CreditExhausted = 1 << 4,
    PurchaseLoaded = 1 << 5,
    PurchaseRefusedOverLimit = 1 << 6,
    Tamper = 1 << 7,
    BatteryLow = 1 << 8,
    EmergencyCreditInUse = 1 << 9,
}
