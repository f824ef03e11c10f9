using PrepaidMeter.Core;

namespace PrepaidMeter.Cards.Records;

/// <summary>
/// What a meter writes back onto a user, check or meter-change card (返写): which meter, the purchase
/// count it has loaded, its remaining credit (negative in overdraft), cumulative energy, status and when.
/// Cards carry whole seconds.
/// </summary>
public readonly record struct ReturnWriteBlock(
    MeterNumber MeterNumber,
    PurchaseCount LoadedCount,
    CreditAmount Remaining,
    Energy CumulativeEnergy,
    ReturnWriteStatus Status,
    DateTimeOffset WrittenAt);
