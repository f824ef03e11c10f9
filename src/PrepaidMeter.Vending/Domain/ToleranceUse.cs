using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Domain;

/// <summary>
/// One use of the administrators' error-tolerance function: an error-tolerance sale (<see cref="Kind"/> "sale") or a
/// card reset for selling ("reset"), as the books keep it (table <c>tolerance_uses</c>, audited).
/// </summary>
/// <param name="SaleId">The sale it made (a sale) or the sale whose purchase it wrote again (a reset; null when the count has none).</param>
/// <param name="ReceiptNumber">That sale's receipt, once committed.</param>
/// <param name="Credit">That sale's credit.</param>
/// <param name="PurchaseCount">The purchase count the card carries after it.</param>
/// <param name="Evidence">A sale: "reading" (the meter's reading showed the last purchase loaded) or "unverified" (no reading either way; the
/// administrator's word). A reset: "unreadable" (the card did not decode) or "mismatch" (it decoded and disagreed with the books).</param>
/// <param name="ReadingSource">The reading a sale stood on ("checkcard" or "link"); null otherwise.</param>
/// <param name="ReadingLoaded">The purchase count that reading showed loaded.</param>
/// <param name="ReadingTime">The meter's time of that reading.</param>
/// <param name="Finding">What was found, as the operator was told.</param>
public sealed record ToleranceUse(
    long Id, string Kind, long AccountId, CustomerNumber Customer, MeterNumber Meter, long? SaleId, long? ReceiptNumber, CreditAmount? Credit,
    CardSerial CardSerial, PurchaseCount PurchaseCount, string Evidence, string? ReadingSource, PurchaseCount? ReadingLoaded, DateTimeOffset? ReadingTime,
    string Finding, string Reason, string Operator, DateTimeOffset At);
