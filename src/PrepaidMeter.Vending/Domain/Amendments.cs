using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Domain;

/// <summary>
/// An account moved to another price type of its group (电价类型变更): sales priced on or after <see cref="EffectiveFrom"/>
/// (midnight UTC of its day) use <see cref="PriceTypeId"/>, those before it <see cref="FromPriceTypeId"/>.
/// </summary>
public sealed record PowerTypeChange(
    long Id, long AccountId, long FromPriceTypeId, long PriceTypeId, DateOnly EffectiveFrom, string Reason, string Operator, DateTimeOffset At);

/// <summary>
/// An account's contracted capacity changed (增容, or reduced): the set card <see cref="CardSerial"/> writes
/// <see cref="Watts"/> as the power limit of <see cref="Meter"/>. <see cref="PreviousWatts"/> is what the account had
/// before (its group's power limit until its first change).
/// </summary>
public sealed record CapacityChange(
    long Id, long AccountId, MeterNumber Meter, long PreviousWatts, long Watts, CardSerial CardSerial, string Reason, string Operator, DateTimeOffset At);

/// <summary>An account's amendments: its capacity now, and the history of both kinds, oldest first.</summary>
public sealed record AmendmentHistory(
    long AccountId, long PriceTypeId, long CapacityWatts, IReadOnlyList<PowerTypeChange> PowerTypes, IReadOnlyList<CapacityChange> Capacities);
