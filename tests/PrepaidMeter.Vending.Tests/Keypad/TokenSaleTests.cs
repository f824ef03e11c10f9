using PrepaidMeter.Core;
using PrepaidMeter.Tokens.Data;
using PrepaidMeter.Testing;
using PrepaidMeter.Vending.Domain;

namespace PrepaidMeter.Vending.Tests.Keypad;

/// <summary>Credit token sales (docs/vending.md, "Keypad tokens", S1–S7), on both providers.</summary>
public sealed class TokenSaleTests
{
    [Theory]
    [BothStores]
    public void Sell_TokenAccount_TheMetersKeyDecodesTheSoldAmountRoundedUpAtThisMinute(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();

        var sold = counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(12.34m));

        sold.Refusal.ShouldBeNull();
        var receipt = sold.Value;
        receipt.Receipt.Credit.ShouldBe(TokenCounter.Kwh(12.34m));
        receipt.Receipt.ReceiptNumber.ShouldNotBeNull();
        receipt.Receipt.Status.ShouldBe(SaleStatus.Committed);
        receipt.TokenCredit.ShouldBe(TokenCounter.Kwh(12.4m));
        receipt.RoundedUpBy.ShouldBe(TokenCounter.Kwh(0.06m));
        receipt.Token!.Token.ShouldMatch(@"^\d{4} \d{4} \d{4} \d{4} \d{4}$");
        var credit = TokenCounter.Decode(TokenCounter.Key(), receipt.Token.Token).ShouldBeOfType<CreditToken>();
        credit.Kind.ShouldBe(CreditKind.Electricity);
        credit.Amount.Units.ShouldBe(124);
        credit.Id.Minutes.ShouldBe(TokenCounter.Minutes(Some.Moment, BaseDate.Year2014));
        receipt.Token.Tid.ShouldBe(credit.Id.Minutes);
    }

    [Theory]
    [BothStores]
    public void Sell_TwiceInOneMinute_TheSecondTokenTakesTheNextMinute(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();

        var first = counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(5)).Value;
        var second = counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(5)).Value;

        var firstId = TokenCounter.Decode(TokenCounter.Key(), first.Token!.Token).ShouldBeOfType<CreditToken>().Id;
        var secondId = TokenCounter.Decode(TokenCounter.Key(), second.Token!.Token).ShouldBeOfType<CreditToken>().Id;
        secondId.Minutes.ShouldBe(firstId.Minutes + 1);
        second.Receipt.PurchaseCount.Value.ShouldBe(2u);
        counter.Office.Tokens.Meter(counter.Admin, account).Value.LastTid.ShouldBe(secondId.Minutes);
    }

    [Fact]
    public void Sell_WaterGroup_IssuesAWaterTokenInTenthsOfACubicMetre()
    {
        using var counter = new Counter(Store.Sqlite, CreditUnit.Volume);
        var account = counter.OpenTokenAccount();

        var sold = counter.Office.Tokens.Sell(counter.Admin, account, Counter.M3(3.25m)).Value;

        var credit = TokenCounter.Decode(TokenCounter.Key(), sold.Token!.Token).ShouldBeOfType<CreditToken>();
        credit.Kind.ShouldBe(CreditKind.Water);
        credit.Amount.Units.ShouldBe(33);
        sold.Token.What.ShouldBe("credit 3.3 m³");
    }

    [Fact]
    public void Sell_MoreThanOneTokenCarries_RefusedAndNothingRecorded()
    {
        using var counter = new Counter(Store.Sqlite);
        var account = counter.OpenTokenAccount();
        counter.Office.Groups.ChangeParameters(counter.Admin, Counter.Group,
            new Cards.Records.MeterParameters(TokenCounter.Kwh(20), TokenCounter.Kwh(10), TokenCounter.Kwh(5), new CreditAmount(CreditUnit.Energy, 0), 10_000),
            TokenCounter.Kwh(10)).Refusal.ShouldBeNull();

        var sold = counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(1_820_163m));

        sold.Refusal!.Message.ShouldContain("more than one token carries");
        counter.Office.Tokens.Meter(counter.Admin, account).Value.LastTid.ShouldBeNull();
    }

    [Theory]
    [BothStores]
    public void Reprint_ATokenSale_ShowsTheSameTokenAndIssuesNothing(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();
        var sold = counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(10)).Value;

        var again = counter.Office.Tokens.Reprint(counter.Admin, sold.Receipt.ReceiptNumber!.Value);

        again.Value.Token.ShouldBe(sold.Token);
        again.Value.Receipt.ReceiptNumber.ShouldBe(sold.Receipt.ReceiptNumber);
        again.Value.Notice.ShouldBeNull();
        counter.Office.Tokens.Meter(counter.Admin, account).Value.LastTid.ShouldBe(sold.Token!.Tid);
    }

    [Theory]
    [BothStores]
    public void Cancel_TheLastTokenSale_RefundsIssuesNothingAndSaysTheTokenStaysValid(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();
        var sold = counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(10)).Value;

        var cancelled = counter.Office.Tokens.Cancel(counter.Admin, account, "wrong customer");

        cancelled.Refusal.ShouldBeNull();
        cancelled.Value.Receipt.Status.ShouldBe(SaleStatus.Cancelled);
        cancelled.Value.Token.ShouldBe(sold.Token);
        cancelled.Value.Notice!.ShouldContain("stays valid at the meter");
        counter.Office.Accounts.Get(counter.Admin, account).Value.PurchaseCount.Value.ShouldBe(0u);
        counter.Office.Tokens.Meter(counter.Admin, account).Value.LastTid.ShouldBe(sold.Token!.Tid);
        counter.Office.Tokens.Reprint(counter.Admin, sold.Receipt.ReceiptNumber!.Value).Value.Notice!.ShouldContain("cancelled");
        counter.LogText().ShouldContain(line => line.Contains("token sale cancel") && line.Contains("wrong customer") && line.Contains("stays valid"));
        counter.Office.Tokens.Cancel(counter.Admin, account, "again").Refusal!.Message.ShouldContain("no token sale to be cancelled");
    }

    [Theory]
    [BothStores]
    public void Correct_TheLastTokenSale_ReplacesItAndIssuesANewTokenAtTheNextIdentifier(Store store)
    {
        using var counter = new Counter(store);
        var account = counter.OpenTokenAccount();
        var sold = counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(10)).Value;

        var corrected = counter.Office.Tokens.Correct(counter.Admin, account, Counter.Kwh(8), "typed 10 for 8");

        corrected.Refusal.ShouldBeNull();
        corrected.Value.Receipt.Kind.ShouldBe(SaleKind.Correction);
        corrected.Value.Receipt.PurchaseCount.ShouldBe(sold.Receipt.PurchaseCount);
        corrected.Value.Notice!.ShouldContain(sold.Token!.Token);
        var token = TokenCounter.Decode(TokenCounter.Key(), corrected.Value.Token!.Token).ShouldBeOfType<CreditToken>();
        token.Amount.Units.ShouldBe(80);
        token.Id.Minutes.ShouldBe(sold.Token.Tid!.Value + 1);
        counter.Office.Tokens.Reprint(counter.Admin, sold.Receipt.ReceiptNumber!.Value).Value.Receipt.Status.ShouldBe(SaleStatus.Corrected);
    }

    [Fact]
    public void CancelAndCorrect_WithoutAReason_Refused()
    {
        using var counter = new Counter(Store.Sqlite);
        var account = counter.OpenTokenAccount();
        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(10)).Refusal.ShouldBeNull();

        counter.Office.Tokens.Cancel(counter.Admin, account, " ").Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
        counter.Office.Tokens.Correct(counter.Admin, account, Counter.Kwh(5), "").Refusal!.Reason.ShouldBe(RefusalReason.Invalid);
    }

    [Fact]
    public void Sell_KeyPastItsExpiryNumber_RefusedAsExpired()
    {
        using var counter = new Counter(Store.Sqlite);
        var account = counter.OpenTokenAccount(TokenCounter.Key(expiry: 50));

        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(10)).Refusal!.Message.ShouldContain("key expired");
    }

    [Fact]
    public void Sell_KeyOfASpentBaseDate_RefusedNamingTheRollover()
    {
        using var counter = new Counter(Store.Sqlite);
        var account = counter.OpenTokenAccount(TokenCounter.Key(baseDate: BaseDate.Year1993));

        counter.Office.Tokens.Sell(counter.Admin, account, Counter.Kwh(10)).Refusal!.Message.ShouldContain("it sets the rollover bit");
    }
}
