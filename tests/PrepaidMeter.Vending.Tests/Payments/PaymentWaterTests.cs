using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Payments;

/// <summary>A partner's payment for a water account: money taken now, m³ written at the next visit at the water price.</summary>
public sealed class PaymentWaterTests
{
    [Theory, BothStores]
    public async Task Take_ForAWaterAccount_CollectedAsM3AtTheWaterPrice(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Volume, price: """{"kind":"flat","price":"2.5000"}""");
        var (_, card) = counter.OpenAccount(Counter.M3(1m));
        var bank = counter.Office.Payments.AddPartner(counter.Admin, "River Bank").Value;

        counter.Office.Payments.Take(bank.ApiKey, new PaymentRequest("bank-0001", counter.Customer, null, Money.FromUnits(20), "teller 7")).Success.ShouldBeTrue();

        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Insert(card);
        var receipt = (await counter.Office.Sales.CollectPaymentsAsync(counter.Admin, counter.Reader)).Value.Receipt;
        receipt.Credit.ShouldBe(CreditAmount.Of(Volume.FromCubicMetres(8m)), "20.00 at 2.50 a m³");
        receipt.Money.ShouldBe(Money.FromUnits(20));
    }

    /// <summary>The group's purchase limit is 999.00 m³: at 2.50 a m³ a payment over 2497.50 could not go on one card.</summary>
    [Theory, BothStores]
    public void Take_OverTheGroupsLimitInM3_RefusedNamingTheLimitAndItsPrice(Store store)
    {
        using var counter = new Counter(store, CreditUnit.Volume, price: """{"kind":"flat","price":"2.5000"}""");
        counter.OpenAccount(Counter.M3(1m));
        var bank = counter.Office.Payments.AddPartner(counter.Admin, "River Bank").Value;

        var refused = counter.Office.Payments.Take(bank.ApiKey, new PaymentRequest("bank-0001", counter.Customer, null, Money.FromUnits(2600), "")).Refusal!;

        refused.Reason.ShouldBe(RefusalReason.OverPurchaseLimit);
        refused.Message.ShouldContain("999.00 m³, 2497.50 at the price in force");
    }
}
