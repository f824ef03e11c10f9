using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Domain;

/// <summary>A third party that takes payments for the site (a bank's collection network), with its own API key.</summary>
public sealed record Partner(long Id, string Name, bool Disabled, DateTimeOffset CreatedAt);

/// <summary>A new partner and its API key, shown this once: only its hash is kept.</summary>
public sealed record PartnerKey(Partner Partner, string ApiKey);

public enum PaymentStatus
{
    /// <summary>Taken by the partner; waits for the customer's next visit to be written to the card.</summary>
    Credited,

    /// <summary>Written to the card by a counter's sale.</summary>
    Applied,
}

/// <summary>
/// A payment as a partner posts it. The idempotency key is the partner's name for this payment: posting
/// it again (a retry after a timeout) returns the payment already taken, never a second one.
/// </summary>
public sealed record PaymentRequest(string IdempotencyKey, CustomerNumber? Customer, long? AccountId, Money Amount, string Reference);

public sealed record Payment(
    long Id, string Partner, string IdempotencyKey, long AccountId, CustomerNumber Customer, Money Amount, string Reference,
    PaymentStatus Status, DateTimeOffset ReceivedAt, long? AppliedSaleId);

/// <summary>The payment, and whether it had been taken already (a retried post).</summary>
public sealed record PaymentTaken(Payment Payment, bool Replayed);
