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

/// <summary>
/// One amendment as the amendments query lists it across accounts (`vend query amendments`): <see cref="Kind"/> is "power type" (from and to
/// are price type names; <see cref="EffectiveFrom"/> its day) or "capacity" (from and to in watts; <see cref="CardSerial"/> its set card).
/// </summary>
public sealed record AmendmentRecord(
    string Kind, long AccountId, CustomerNumber Customer, string CustomerName, MeterNumber Meter, string From, string To, DateOnly? EffectiveFrom,
    CardSerial? CardSerial, string Reason, string Operator, DateTimeOffset At);

/// <summary>An account's amendments: its capacity now, and the history of both kinds, oldest first.</summary>
public sealed record AmendmentHistory(
    long AccountId, long PriceTypeId, long CapacityWatts, IReadOnlyList<PowerTypeChange> PowerTypes, IReadOnlyList<CapacityChange> Capacities);

/// <summary>What becomes of a closed meter's remaining credit (the site's rule, <c>site.closing_credit</c>).</summary>
public enum ClosingRule
{
    /// <summary>Its value is paid back in money, the account's arrears set against it first (the rule of a site that never chose).</summary>
    Refund,

    /// <summary>The utility keeps it: nothing is paid back, the arrears stay owed.</summary>
    Keep,
}

/// <summary>
/// An account closed (销户): the reading that gave its meter's remaining credit, that credit's value (the price of the
/// purchases it came from, last in first out), the arrears set against it and the money paid back under <see cref="Rule"/>
/// (its refund receipt when there is one).
/// </summary>
public sealed record Closing(
    long Id, long AccountId, CustomerNumber Customer, string CustomerName, MeterNumber Meter, DateTimeOffset ReadingTime, string ReadingSource,
    CreditAmount Remaining, Money CreditValue, ClosingRule Rule, Money ArrearsSet, Money Refunded, Money ArrearsLeft, long? ReceiptNumber,
    CardSerial CardSerial, string Operator, DateTimeOffset At);
