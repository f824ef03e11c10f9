using FsCheck;
using FsCheck.Fluent;
using PrepaidMeter.Core;
using PrepaidMeter.Meter.State;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Sales;

/// <summary>
/// A sale's quote (what the web console shows before the clerk confirms): the sale's own steps in a transaction rolled back —
/// the same refusals, the same amounts, and nothing recorded or written.
/// </summary>
public sealed class SaleQuoteTests
{
    [Theory, BothStores]
    public async Task Quote_ThenSell_SellsExactlyWhatWasQuoted_ArrearsFirst(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card).Result.ShouldBe(MeterResult.Loaded);
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(20m), "meter fee").Success.ShouldBeTrue();
        counter.Insert(card);

        var quote = await counter.Office.Sales.QuoteAsync(counter.Admin, counter.Reader, Counter.Pay(100m));
        var sale = await counter.Sell(Counter.Pay(100m));

        quote.Success.ShouldBeTrue(quote.ToString());
        quote.Value.ArrearsCollected.ShouldBe(Money.FromUnits(20m));
        quote.Value.ForCredit.ShouldBe(Money.FromUnits(80m));
        quote.Value.UnitPrice.ToString().ShouldBe("0.5000");
        (quote.Value.Credit, quote.Value.Energy, quote.Value.Money, quote.Value.ArrearsCollected, quote.Value.AccountId)
            .ShouldBe((sale.Value.Credit, sale.Value.Energy, sale.Value.Money, sale.Value.ArrearsCollected, sale.Value.AccountId));
    }

    [Theory, BothStores]
    public async Task Quote_RecordsNothing_AndLeavesTheCardAsItWas(Store store)
    {
        using var counter = new Counter(store);
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromUnits(5m), "meter fee");
        counter.Insert(card);
        var image = card.Memory.ToArray();
        var log = counter.Office.Queries.OperationLog(counter.Admin, new QueryFilter()).Value.Count;
        var readings = counter.Office.Queries.Readings(counter.Admin, new QueryFilter()).Value.Count;

        (await counter.Office.Sales.QuoteAsync(counter.Admin, counter.Reader, Counter.Kwh(30))).Success.ShouldBeTrue();

        card.Memory.ToArray().ShouldBe(image);
        counter.Office.Queries.OperationLog(counter.Admin, new QueryFilter()).Value.Count.ShouldBe(log);
        counter.Office.Queries.Readings(counter.Admin, new QueryFilter()).Value.Count.ShouldBe(readings, "a quote does not take the card's reading: the sale does");
        counter.Office.Queries.Purchases(counter.Admin, new QueryFilter()).Value.Count.ShouldBe(1);
        counter.Office.Accounts.Get(counter.Admin, opening.AccountId).Value.Arrears.ShouldBe(Money.FromUnits(5m));
        counter.VerifyLog().ShouldBeEmpty();
    }

    [Theory, BothStores]
    public async Task Quote_CardNotSwiped_IsTheSalesRefusal(Store store)
    {
        using var counter = new Counter(store);
        counter.OpenAccount(Counter.Kwh(10));

        var quote = await counter.Office.Sales.QuoteAsync(counter.Admin, counter.Reader, Counter.Kwh(5));
        var sale = await counter.Sell(Counter.Kwh(5));

        quote.Refusal!.Reason.ShouldBe(RefusalReason.CardNotSwiped);
        quote.Refusal.ShouldBe(sale.Refusal);
    }

    [Theory, BothStores]
    public async Task Quote_OverThePurchaseLimit_IsTheSalesRefusal(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        counter.Insert(card);

        var quote = await counter.Office.Sales.QuoteAsync(counter.Admin, counter.Reader, Counter.Kwh(5000));
        var sale = await counter.Sell(Counter.Kwh(5000));

        quote.Refusal!.Reason.ShouldBe(RefusalReason.OverPurchaseLimit);
        quote.Refusal.ShouldBe(sale.Refusal);
    }

    [Fact]
    public async Task Quote_ASessionLoggedOut_IsRefusedAsTheSaleIs()
    {
        using var counter = new Counter();
        var gone = counter.Office.Operators.Login(counter.Admin.Login, Counter.Password).Value;
        counter.Office.Operators.Logout(gone);

        var quote = await counter.Office.Sales.QuoteAsync(gone, counter.Reader, Counter.Kwh(5));

        quote.Refusal!.Reason.ShouldBe(RefusalReason.NoPermission);
    }

    /// <summary>For any amount by energy or money and any arrears, the quote is the sale that follows it, or both are refused alike.</summary>
    [Fact]
    public void Quote_AnyAmountAndArrears_IsTheSaleThatFollows()
    {
        var cases = Gen.Choose(1, 120_000).Zip(Gen.Elements(true, false)).Zip(Gen.Choose(0, 4_000));
        Prop.ForAll(cases.ToArbitrary(), c => QuoteIsTheSale(c.Item1.Item1, c.Item1.Item2, c.Item2)).QuickCheckThrowOnFailure(20);
    }
    private static void QuoteIsTheSale(int hundredths, bool byMoney, int arrears)
    {
        using var counter = new Counter();
        var (opening, card) = counter.OpenAccount(Counter.Kwh(10));
        counter.Swipe(card);
        if (arrears > 0)
        {
            counter.Office.Accounts.ChargeArrears(counter.Admin, opening.AccountId, Money.FromHundredths(arrears), "fee").Success.ShouldBeTrue();
        }

        counter.Insert(card);
        var request = byMoney ? PurchaseRequest.ForMoney(Money.FromHundredths(hundredths)) : PurchaseRequest.ForEnergy(Energy.FromHundredths(hundredths));
        var quote = counter.Office.Sales.QuoteAsync(counter.Admin, counter.Reader, request).GetAwaiter().GetResult();
        var sale = counter.Sell(request).GetAwaiter().GetResult();
        if (sale.Success)
        {
            quote.Success.ShouldBeTrue(quote.Refusal?.Message);
            (quote.Value.Credit, quote.Value.Money, quote.Value.ArrearsCollected).ShouldBe((sale.Value.Credit, sale.Value.Money, sale.Value.ArrearsCollected));
        }
        else
        {
            quote.Refusal.ShouldBe(sale.Refusal);
        }
    }
}
