using Dapper;
using PrepaidMeter.Core;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Payments;

public sealed class PaymentVolumeTests
{
    /// <summary>Money taken for water could never be written to a card before water is sold: refused when it is taken.</summary>
    [Theory, BothStores]
    public void Take_AccountOfAGroupCountingVolume_RefusedAsVolumeNotSold_NothingTaken(Store store)
    {
        using var counter = new Counter(store);
        counter.OpenAccount(Counter.Kwh(10));
        counter.GroupCountsVolume();
        var key = counter.Office.Payments.AddPartner(counter.Admin, "River Bank").Value.ApiKey;

        var refused = counter.Office.Payments.Take(key, new PaymentRequest("k1", counter.Customer, null, Money.FromUnits(10m), "")).Refusal!;

        refused.Reason.ShouldBe(RefusalReason.VolumeNotSold);
        refused.Message.ShouldBe(
            "supply group 100001 counts credit in m³; the back office cannot take a payment for water before issue 25's next step (water prices per meter type)");
        using var connection = counter.Database.Open();
        connection.ExecuteScalar<long>("SELECT COUNT(*) FROM payments").ShouldBe(0);
    }
}
