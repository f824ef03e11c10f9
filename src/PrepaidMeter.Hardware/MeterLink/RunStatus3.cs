namespace PrepaidMeter.Hardware.MeterLink;

/// <summary>
/// The bits of DL/T 645-2007 meter run status word 3 (04000503) a prepaid meter's master reads: whether the
/// relay is open, whether it was commanded open, whether the pre-trip alarm is on, and what kind of prepaid
/// meter answers (bits 8–9: 01 energy, 10 money). The other bits (time zone, tariff table, supply) stay 0.
/// </summary>
[Flags]
public enum RunStatus3
{
    None = 0,

    /// <summary>Bit 4: the relay is open (断); 0 is closed (通).</summary>
    RelayOpen = 1 << 4,

    /// <summary>Bit 6: the last relay command was to open.</summary>
    RelayCommandedOpen = 1 << 6,

    /// <summary>Bit 7: the pre-trip alarm (预跳闸报警) is on.</summary>
    PreTripAlarm = 1 << 7,

    /// <summary>Bits 8–9 = 01: an energy-unit prepaid meter.</summary>
    EnergyPrepaid = 1 << 8,

    /// <summary>Bits 8–9 = 10: a money-unit prepaid meter.</summary>
    MoneyPrepaid = 1 << 9,
}
