using PrepaidMeter.Core;

namespace PrepaidMeter.Cards.Records;

/// <summary>
/// The parameters a set card writes into a meter, in the meter's credit unit:
/// alarm levels (报警量), overdraft (透支量), purchase limit (限购量, refuses hoarding) and power limit.
/// </summary>
public readonly record struct MeterParameters(
    CreditAmount Alarm1,
    CreditAmount Alarm2,
    CreditAmount OverdraftLimit,
    CreditAmount PurchaseLimit,
    uint PowerLimitWatts);
