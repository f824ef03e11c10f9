using PrepaidMeter.Testing;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Reports;

namespace PrepaidMeter.Vending.Tests.Keypad;

/// <summary>Token sales in the books beside card sales: the ledger check and the takings by medium, on both providers.</summary>
public sealed class TokenBooksTests
{
    [Theory]
    [BothStores]
    public async Task Classified_ByMedium_CardAndTokenSalesEachUnderTheirOwn(Store store)
    {
        using var counter = new Counter(store);
        var (_, card) = counter.OpenAccount(Counter.Kwh(10), Counter.MeterB);
        counter.Swipe(card, Counter.MeterB);
        counter.Insert(card);
        (await counter.Sell(Counter.Kwh(20))).Refusal.ShouldBeNull();
        var tokens = counter.OpenTokenAccount();
        counter.Office.Tokens.Sell(counter.Admin, tokens, Counter.Kwh(12.34m)).Refusal.ShouldBeNull();
        counter.Office.Tokens.Sell(counter.Admin, tokens, Counter.Kwh(5)).Refusal.ShouldBeNull();
        counter.Office.Tokens.Cancel(counter.Admin, tokens, "wrong amount").Refusal.ShouldBeNull();

        var report = counter.Office.Reports.Classified(counter.Admin, Classification.Medium, new ReportFilter()).Value;

        report.Title.ShouldBe("Sales by medium");
        // card: the opening sale and the second, 30 kWh for 15.00; token: one sale standing (12.34 kWh for 6.17) and one cancelled.
        Text(report).ShouldBe(["card | 2 | 30.00 | 15.00 | 0.00 | 0 | 0 | 0", "token | 1 | 12.34 | 6.17 | 0.00 | 0 | 1 | 0"]);
        var byPrice = counter.Office.Reports.Classified(counter.Admin, Classification.PriceType, new ReportFilter()).Value;
        Text(byPrice).ShouldBe(["residential | 3 | 42.34 | 21.17 | 0.00 | 0 | 1 | 0"]);
    }

    [Theory]
    [BothStores]
    public void LedgerCheck_AfterTokenSalesCancelCorrectionAndKeyChange_EveryAccountAgreesWithItsBook(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();
        counter.Office.Accounts.ChargeArrears(counter.Admin, account, Core.Money.FromUnits(2), "meter fee").Refusal.ShouldBeNull();
        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Pay(20)).Refusal.ShouldBeNull();
        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(10)).Refusal.ShouldBeNull();
        counter.Office.Tokens.Correct(counter.Admin, account, Counter.Kwh(8), "typed 10 for 8").Refusal.ShouldBeNull();
        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(3)).Refusal.ShouldBeNull();
        counter.Office.Tokens.Cancel(counter.Admin, account, "customer left").Refusal.ShouldBeNull();
        counter.Office.TokenGroups.Set(counter.Admin, Counter.Group, SupplyMedium.Both, TokenCounter.Key(revision: 2)).Refusal.ShouldBeNull();
        counter.Office.Tokens.ChangeKey(counter.Admin, account, 2, BaseDate.Year2014, Counter.Kwh(4)).Refusal.ShouldBeNull();

        var check = counter.Office.Ledger.Check(counter.Admin).Value;
        var book = counter.Office.Ledger.Book(counter.Admin, account).Value;

        check.Agree.ShouldBeTrue(string.Join("; ", check.Disagreements));
        check.Accounts.ShouldBe(1);
        book.Arrears.ShouldBe(Core.Money.Zero);
        counter.Office.Accounts.Get(counter.Admin, account).Value.PurchaseCount.Value.ShouldBe(3u);
    }

    private static IReadOnlyList<string> Text(ReportTable report) =>
        [.. report.Rows.Select(r => string.Join(" | ", r.Select((c, i) => c.Format(report.Columns[i].Kind))))];
}
