using PrepaidMeter.Core;

namespace PrepaidMeter.Vending.Domain;

/// <summary>A waiting payment a collection did not write to the card, and why; it waits for the next visit.</summary>
public sealed record PaymentLeftWaiting(long PaymentId, string Partner, string IdempotencyKey, Money Amount, string Why)
{
    public override string ToString() => $"payment {PaymentId} ({Amount} from {Partner}, key '{IdempotencyKey}'): {Why}";
}

/// <summary>
/// What `vend collect` did: the sale that wrote the waiting payments that fit (oldest first), and those it left waiting.
/// </summary>
public sealed record PaymentCollection(Receipt Receipt, IReadOnlyList<PaymentLeftWaiting> LeftWaiting)
{
    /// <summary>One line for the counter naming each payment left waiting and why; null when every waiting payment was written.</summary>
    public string? LeftWaitingLine => LeftWaiting.Count == 0 ? null : Describe(LeftWaiting);

    /// <summary>"N payment(s) left waiting for the next visit — payment 3 (…): why; payment 4 (…): why".</summary>
    public static string Describe(IReadOnlyList<PaymentLeftWaiting> left)
    {
        ArgumentNullException.ThrowIfNull(left);
        return $"{left.Count} partner payment{(left.Count == 1 ? "" : "s")} left waiting for the next visit — {string.Join("; ", left)}";
    }
}
