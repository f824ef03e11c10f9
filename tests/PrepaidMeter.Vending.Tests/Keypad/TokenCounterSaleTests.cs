using PrepaidMeter.Core;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Vending.Domain;
using PrepaidMeter.Vending.Sales;

namespace PrepaidMeter.Vending.Tests.Keypad;

/// <summary>
/// The web console's two steps for a token sale (TokenService.Counter.cs): a quote that prices the sale as <c>Sell</c> would and
/// records nothing, then the sale of exactly what was quoted; and which accounts are token accounts, for the counter's search.
/// </summary>
public sealed class TokenCounterSaleTests
{
    [Theory]
    [BothStores]
    public void Quote_ThenSellAsQuoted_IssuesWhatTheQuoteShowed_AndTheQuoteRecordsNothing(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();
        var logged = counter.LogText().Count;

        var quote = counter.Office.Tokens.Quote(counter.Admin, account, Counter.Kwh(12.34m)).Value;

        (quote.Credit, quote.TokenCredit, quote.RoundedUpBy, quote.Money).ShouldBe((TokenCounter.Kwh(12.34m), TokenCounter.Kwh(12.4m), TokenCounter.Kwh(0.06m), Money.FromUnits(6.17m)));
        counter.Office.Tokens.Meter(counter.Admin, account).Value.LastTid.ShouldBeNull();
        counter.LogText().Count.ShouldBe(logged);

        var sold = counter.Office.Tokens.SellAsQuoted(counter.Admin, account, Counter.Kwh(12.34m), quote.Confirmed);

        sold.Refusal.ShouldBeNull();
        (sold.Value.Receipt.Money, sold.Value.TokenCredit).ShouldBe((quote.Money, quote.TokenCredit));
        TokenCounter.Decode(TokenCounter.Key(), sold.Value.Token!.Token).ShouldBeOfType<CreditToken>().Amount.Units.ShouldBe(124);
    }

    [Fact]
    public void SellAsQuoted_ArrearsChargedSinceTheQuote_RefusedAndNothingIssued()
    {
        using var counter = new Counter(Store.Sqlite);
        var account = counter.OpenTokenAccount();
        var quote = counter.Office.Tokens.Quote(counter.Admin, account, Counter.Pay(10)).Value;
        counter.Office.Accounts.ChargeArrears(counter.Admin, account, Money.FromUnits(3), "meter seal").Refusal.ShouldBeNull();

        var sold = counter.Office.Tokens.SellAsQuoted(counter.Admin, account, Counter.Pay(10), quote.Confirmed);

        sold.Refusal!.Reason.ShouldBe(RefusalReason.Conflict);
        sold.Refusal.Message.ShouldContain("not the 10.00 priced; nothing was sold: price it again");
        counter.Office.Tokens.Meter(counter.Admin, account).Value.LastTid.ShouldBeNull();
    }

    [Fact]
    public void SellAsQuoted_AQuoteOfAnotherAccount_Refused()
    {
        using var counter = new Counter(Store.Sqlite);
        var account = counter.OpenTokenAccount();

        var sold = counter.Office.Tokens.SellAsQuoted(counter.Admin, account, Counter.Kwh(5), new QuotedSale(account + 1, 500, Money.FromUnits(2.5m)));

        sold.Refusal!.Message.ShouldContain($"not account {account + 1} that was priced");
    }

    [Theory]
    [InlineData(1_000_000)] // over the purchase limit
    [InlineData(0)]
    public void Quote_ARefusedPurchase_IsRefusedAsTheSaleIs(int kwh)
    {
        using var counter = new Counter(Store.Sqlite);
        var account = counter.OpenTokenAccount();

        var quote = counter.Office.Tokens.Quote(counter.Admin, account, Counter.Kwh(kwh));
        var sale = counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(kwh));

        quote.Refusal.ShouldNotBeNull();
        quote.Refusal.ShouldBe(sale.Refusal);
    }

    [Theory]
    [BothStores]
    public void TokenAccountsAmong_TellsTokenAccountsFromCardAccounts(Store store)
    {
        using var counter = new Counter(store);
        var (card, _) = counter.OpenAccount(meter: Counter.MeterB);
        var token = counter.OpenTokenAccount();

        var found = counter.Office.Tokens.TokenAccountsAmong(counter.Admin, [card.AccountId, token, token + 100]);

        found.Value.ShouldBe(new HashSet<long> { token });
        counter.Office.Tokens.TokenAccountsAmong(counter.Admin, []).Value.ShouldBeEmpty();
    }
}
