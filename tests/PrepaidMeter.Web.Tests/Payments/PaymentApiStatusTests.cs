using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Web.Tests.Payments;

public sealed class PaymentApiStatusTests
{
    /// <summary>A payment for an account whose group counts m³ is well formed but cannot be taken before water is sold: 422, as over a limit.</summary>
    [Theory]
    [InlineData(RefusalReason.OverPurchaseLimit, 422)]
    [InlineData(RefusalReason.Invalid, 400)]
    public void StatusOf_Refusal_IsItsHttpStatus(RefusalReason reason, int status) => RefusalStatus.Of(reason).ShouldBe(status);
}
